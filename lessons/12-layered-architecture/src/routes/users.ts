import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import createError from 'http-errors';
import { listUsersQuery, userIdParams } from '../schemas/users.ts';

// #region user
/** A user as the API shows it: never the password hash. */
export interface User {
  id: number;
  username: string;
  email: string;
  /** `pending` until an admin approves the account. */
  status: UserStatus;
  /** `admin` may approve others; everyone else is a `member`. */
  role: UserRole;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

export type UserStatus = 'pending' | 'approved';
export type UserRole = 'member' | 'admin';

// The columns the API shows, renamed from snake_case to the JSON's camelCase.
// password_hash is not among them: a query that selects these cannot leak it.
export const userColumns = 'id, username, email, status, role, created_at AS createdAt';
// #endregion user

export interface UsersRouterDeps {
  db: Database;
}

// #region create-users-router
/**
 * The users routes, for admins: app.ts mounts the router behind the admin
 * guards, so every route here can take an admin for granted. Emails are
 * shown: an admin needs them to recognise who is asking to join.
 */
export function createUsersRouter({ db }: UsersRouterDeps): Router {
  // `@status IS NULL` matches every row when no status is asked for.
  const listUsers = db.prepare<{ status: UserStatus | null; limit: number; offset: number }, User>(
    `SELECT ${userColumns} FROM users
     WHERE @status IS NULL OR status = @status
     ORDER BY id LIMIT @limit OFFSET @offset`,
  );
  const countUsers = db
    .prepare<{ status: UserStatus | null }, number>('SELECT count(*) FROM users WHERE @status IS NULL OR status = @status')
    .pluck();
  const findUser = db.prepare<[number], User>(`SELECT ${userColumns} FROM users WHERE id = ?`);
  // #region approve-statement
  // One statement: it changes the row and answers it, or matches no row.
  const approveUser = db.prepare<[number], User>(
    `UPDATE users SET status = 'approved' WHERE id = ? RETURNING ${userColumns}`,
  );
  // #endregion approve-statement

  const router = Router();

  router.get('/', validate({ query: listUsersQuery }), (req, res) => {
    const { status = null, limit, offset } = req.query;
    res.json({ users: listUsers.all({ status, limit, offset }), total: countUsers.get({ status }), limit, offset });
  });

  router.get('/:id', validate({ params: userIdParams }), (req, res) => {
    const user = findUser.get(req.params.id);
    if (user === undefined) throw createError(404, 'User not found');
    res.json(user);
  });

  // #region approve
  // POST, not GET: it changes something. Approving an approved user changes
  // nothing and answers the same: the request is idempotent, so a client
  // may safely send it again after a lost answer.
  router.post('/:id/approve', validate({ params: userIdParams }), (req, res) => {
    const user = approveUser.get(req.params.id);
    if (user === undefined) throw createError(404, 'User not found');
    res.json(user);
  });
  // #endregion approve

  return router;
}
// #endregion create-users-router
