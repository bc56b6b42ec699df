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
  /** ISO 8601 timestamp. */
  createdAt: string;
}

// The columns the API shows, renamed from snake_case to the JSON's camelCase.
// password_hash is not among them: a query that selects these cannot leak it.
export const userColumns = 'id, username, email, created_at AS createdAt';

/** A user as others see them: everything but the email address. */
export type PublicUser = Omit<User, 'email'>;

/**
 * What `viewerId` may see of `user`: the whole record if it is their own,
 * and without the email otherwise. An email address is personal data: it
 * lets anyone who can list users write to, or look up, every member.
 */
export function visibleTo(viewerId: number | string, user: User): User | PublicUser {
  if (user.id === viewerId) return user;
  const { email: _email, ...rest } = user;
  return rest;
}
// #endregion user

export interface UsersRouterDeps {
  db: Database;
}

// #region create-users-router
/**
 * The users routes, relative to where the router is mounted. app.ts mounts
 * it behind requireAuth, so only a logged-in user reaches them. Accounts are
 * created by POST /api/v1/auth/register, which replaced POST /users.
 */
export function createUsersRouter({ db }: UsersRouterDeps): Router {
  const listUsers = db.prepare<{ limit: number; offset: number }, User>(
    `SELECT ${userColumns} FROM users ORDER BY id LIMIT @limit OFFSET @offset`,
  );
  const countUsers = db.prepare<[], number>('SELECT count(*) FROM users').pluck();
  const findUser = db.prepare<[number], User>(`SELECT ${userColumns} FROM users WHERE id = ?`);

  const router = Router();

  router.get('/', validate({ query: listUsersQuery }), (req, res) => {
    const { limit, offset } = req.query;
    const users = listUsers.all({ limit, offset }).map((user) => visibleTo(req.user!.id, user));
    res.json({ users, total: countUsers.get(), limit, offset });
  });

  router.get('/:id', validate({ params: userIdParams }), (req, res) => {
    const user = findUser.get(req.params.id);
    if (user === undefined) throw createError(404, 'User not found');
    res.json(visibleTo(req.user!.id, user));
  });

  return router;
}
// #endregion create-users-router
