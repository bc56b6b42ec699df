// The mistake: building SQL by pasting input into the text of the statement.
import type { Database } from 'better-sqlite3';
import { Router } from 'express';

export function createUsersRouter({ db }: { db: Database }): Router {
  const router = Router();
  // #region mistake
  // Wrong: the username becomes part of the SQL. A "username" of
  //   ' OR '1'='1
  // turns the WHERE clause into one that every row matches.
  router.get('/by-name/:username', (req, res) => {
    const users = db.prepare(`SELECT id, username, email FROM users WHERE username = '${req.params.username}'`).all();
    res.json({ users });
  });
  // #endregion mistake
  // #region fix
  // Right: a placeholder. SQLite receives the value separately from the SQL,
  // so it is only ever compared, never run.
  const findByName = db.prepare('SELECT id, username, email FROM users WHERE username = ?');
  router.get('/by-name-safe/:username', (req, res) => {
    res.json({ users: findByName.all(req.params.username) });
  });
  // #endregion fix
  return router;
}
