// Solution to lesson 03, exercise 3: create several users, all or none.
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import { createUsersRouter } from '../../../lessons/03-routers-and-sqlite/src/routes/users.ts';

interface NewUser {
  username: string;
  email: string;
}

// #region batch
export function createUsersRouterWithBatch({ db }: { db: Database }): Router {
  const insertUser = db.prepare<NewUser & { createdAt: string }, { id: number }>(
    'INSERT INTO users (username, email, created_at) VALUES (@username, @email, @createdAt) RETURNING id',
  );
  // db.transaction() wraps a function: it runs inside BEGIN ... COMMIT, and
  // if it throws, SQLite rolls back every insert it made.
  const insertAll = db.transaction((users: NewUser[]) => {
    const createdAt = new Date().toISOString();
    return users.map((user) => insertUser.get({ ...user, createdAt })!.id);
  });

  const router = Router();
  router.post('/batch', (req, res) => {
    const users: unknown = req.body?.users;
    if (!Array.isArray(users) || users.length === 0 || !users.every(isNewUser)) {
      res.status(400).json({ error: 'users must be a non-empty array of { username, email }' });
      return;
    }
    try {
      res.status(201).json({ ids: insertAll(users) });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      res.status(409).json({ error: 'A username or email is already taken; no user was created' });
    }
  });
  router.use(createUsersRouter({ db }));
  return router;
}
// #endregion batch

function isNewUser(value: unknown): value is NewUser {
  const { username, email } = (value ?? {}) as Record<string, unknown>;
  return typeof username === 'string' && username.trim() !== '' && typeof email === 'string' && email.trim() !== '';
}
