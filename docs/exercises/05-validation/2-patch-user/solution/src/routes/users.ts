import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import createError from 'http-errors';
import { listUsersQuery, newUserBody, userIdParams, userPatchBody, type NewUser } from '../schemas/users.ts';

// #region user
/** A user as the API shows it. */
export interface User {
  id: number;
  username: string;
  email: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

// The columns the API shows, renamed from snake_case to the JSON's camelCase.
const userColumns = 'id, username, email, created_at AS createdAt';
// #endregion user

export interface UsersRouterDeps {
  db: Database;
}

// #region create-users-router
/**
 * The users routes, relative to where the router is mounted
 * (`app.use('/api/v1/users', createUsersRouter({ db }))`). validate() checks
 * each request before its handler runs, so a handler only ever sees input
 * that passed its schema, already converted: `req.params.id` is a number.
 */
export function createUsersRouter({ db }: UsersRouterDeps): Router {
  // Prepared once, when the router is created, and run for every request.
  const listUsers = db.prepare<{ limit: number; offset: number }, User>(
    `SELECT ${userColumns} FROM users ORDER BY id LIMIT @limit OFFSET @offset`,
  );
  const countUsers = db.prepare<[], number>('SELECT count(*) FROM users').pluck();
  const findUser = db.prepare<[number], User>(`SELECT ${userColumns} FROM users WHERE id = ?`);
  const insertUser = db.prepare<NewUser & { createdAt: string }, User>(
    `INSERT INTO users (username, email, created_at) VALUES (@username, @email, @createdAt)
     RETURNING ${userColumns}`,
  );

  // coalesce() keeps the stored value where the patch has none (null).
  const updateUser = db.prepare<{ id: number; username: string | null; email: string | null }, User>(
    `UPDATE users SET username = coalesce(@username, username), email = coalesce(@email, email)
     WHERE id = @id RETURNING ${userColumns}`,
  );

  const router = Router();

  // ?limit=&offset= arrive as strings; the schema turns them into numbers
  // within bounds, with defaults when they are missing.
  router.get('/', validate({ query: listUsersQuery }), (req, res) => {
    const { limit, offset } = req.query;
    res.json({ users: listUsers.all({ limit, offset }), total: countUsers.get(), limit, offset });
  });

  router.get('/:id', validate({ params: userIdParams }), (req, res) => {
    const user = findUser.get(req.params.id);
    if (user === undefined) throw createError(404, 'User not found');
    res.json(user);
  });

  router.post('/', validate({ body: newUserBody }), (req, res) => {
    // req.body is the schema's output: trimmed, the email lowercased, and
    // nothing but username and email. A taken username or email still makes
    // SQLite throw; the error handler answers 409.
    const user = insertUser.get({ ...req.body, createdAt: new Date().toISOString() })!;
    res.status(201).location(`${req.baseUrl}/${user.id}`).json(user);
  });

  // #region route
  // Both parts are checked in one go: a bad id and a bad body are reported
  // together. A taken email makes SQLite throw, answered 409 like POST's.
  router.patch('/:id', validate({ params: userIdParams, body: userPatchBody }), (req, res) => {
    const { username = null, email = null } = req.body;
    const user = updateUser.get({ id: req.params.id, username, email });
    if (user === undefined) throw createError(404, 'User not found');
    res.json(user);
  });
  // #endregion route

  return router;
}
// #endregion create-users-router
