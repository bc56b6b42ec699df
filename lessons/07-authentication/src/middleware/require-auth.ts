import type { Database } from 'better-sqlite3';
import type { RequestHandler } from 'express';
import createError from 'http-errors';
import { userColumns, type User } from '../routes/users.ts';

// #region require-auth
/**
 * The "assert user authenticated" step. Put it in front of any route that
 * needs a logged-in user. It reads the user id that login stored in the
 * session, loads that user, and leaves it on `req.user` for the handlers
 * after it. Without a logged-in user: 401.
 *
 * @example
 * app.get('/api/v1/auth/me', requireAuth({ db }), (req, res) => res.json(req.user));
 */
export function requireAuth({ db }: { db: Database }): RequestHandler {
  const findUser = db.prepare<[number], User>(`SELECT ${userColumns} FROM users WHERE id = ?`);

  return (req, _res, next) => {
    const { userId } = req.session;
    const user = userId === undefined ? undefined : findUser.get(userId);
    if (user === undefined) {
      // No login in this session, or the account was deleted since: a
      // session that names a user who no longer exists is logged out.
      if (userId !== undefined) delete req.session.userId;
      throw createError(401, 'You must be logged in');
    }
    // The package types req.user for the whole program as its BaseUser,
    // which this lesson's User fits: an id, and no status or role yet.
    req.user = user;
    next();
  };
}
// #endregion require-auth
