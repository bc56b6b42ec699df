// Solution to lesson 03, exercise 1: GET /api/v1/users/count.
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import { createUsersRouter } from '../../../lessons/03-routers-and-sqlite/src/routes/users.ts';

// #region count
export function createUsersRouterWithCount({ db }: { db: Database }): Router {
  const countUsers = db.prepare<[], { count: number }>('SELECT count(*) AS count FROM users');
  const router = Router();

  // Registered before the lesson's routes. After them, GET /:id would take
  // "count" for an id and answer 400 before this route was ever reached.
  router.get('/count', (_req, res) => {
    res.json(countUsers.get());
  });
  // A router is middleware: the lesson's router handles everything else.
  router.use(createUsersRouter({ db }));
  return router;
}
// #endregion count
