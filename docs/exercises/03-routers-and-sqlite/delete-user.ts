// Solution to lesson 03, exercise 2: DELETE /api/v1/users/:id.
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import { createUsersRouter } from '../../../lessons/03-routers-and-sqlite/src/routes/users.ts';

// #region delete
export function createUsersRouterWithDelete({ db }: { db: Database }): Router {
  const deleteUser = db.prepare<[number]>('DELETE FROM users WHERE id = ?');
  const router = createUsersRouter({ db });

  router.delete('/:id', (req, res) => {
    const id = /^[1-9]\d{0,14}$/.test(req.params.id) ? Number(req.params.id) : undefined;
    if (id === undefined) {
      res.status(400).json({ error: 'id must be a positive whole number' });
      return;
    }
    // run() reports how many rows the statement changed: 0 means no such user.
    const { changes } = deleteUser.run(id);
    if (changes === 0) {
      res.status(404).json({ error: 'User not found' });
      return;
    }
    // 204 No Content: done, and nothing to say.
    res.status(204).end();
  });
  return router;
}
// #endregion delete
