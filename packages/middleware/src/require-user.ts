import type { Request, RequestHandler } from 'express';
import createError from 'http-errors';
import { checkOptions, describeValue } from '@forum-lessons/error-handler';
import type { User } from './user.ts';

export const NOT_LOGGED_IN = 'You must be logged in';

export interface RequireUserOptions {
  /**
   * Finds the user with this id, or returns `undefined`/`null` when there is
   * none. May be async. Required.
   */
  loadUser: (id: number | string, req: Request) => User | null | undefined | Promise<User | null | undefined>;
  /** The session property that holds the user id. Default `userId`, i.e. `req.session.userId`. */
  sessionKey?: string;
}

// #region require-user
/**
 * Lets a request through only when its session names an existing user, and
 * puts that user on `req.user`. Otherwise: 401 "You must be logged in".
 * A session that names a deleted user is logged out as well.
 *
 * @example
 * const requireLogin = requireUser({ loadUser: (id) => users.findById(Number(id)) });
 * app.get('/api/v1/auth/me', requireLogin, (req, res) => res.json(req.user));
 */
export function requireUser(options: RequireUserOptions): RequestHandler {
  const { loadUser, sessionKey } = readOptions(options);

  return async function loadSessionUser(req, _res, next) {
    const session = (req as unknown as { session?: Record<string, unknown> }).session;
    if (typeof session !== 'object' || session === null) {
      // A set-up mistake, not the client's: a 500, logged by the error handler.
      throw new Error('requireUser() found no req.session: mount express-session before it');
    }

    const id = session[sessionKey];
    if (!isUserId(id)) {
      delete session[sessionKey];
      throw createError(401, NOT_LOGGED_IN);
    }

    const user = await loadUser(id, req);
    if (user === null || user === undefined) {
      // The account was deleted while the session lived on.
      delete session[sessionKey];
      throw createError(401, NOT_LOGGED_IN);
    }

    req.user = user;
    next();
  };
}
// #endregion require-user

function isUserId(value: unknown): value is number | string {
  return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value !== '');
}

function readOptions(options: RequireUserOptions | undefined): Required<RequireUserOptions> {
  if (options === undefined) {
    throw new TypeError('requireUser(): option "loadUser" is required: requireUser({ loadUser: (id, req) => user })');
  }
  const given = checkOptions('requireUser()', options, ['loadUser', 'sessionKey']);
  const { loadUser, sessionKey = 'userId' } = given;
  if (typeof loadUser !== 'function') {
    throw new TypeError(`requireUser(): option "loadUser" must be a function (id, req) => user, got ${describeValue(loadUser)}`);
  }
  if (typeof sessionKey !== 'string' || sessionKey === '') {
    throw new TypeError(`requireUser(): option "sessionKey" must be a non-empty string, got ${describeValue(sessionKey)}`);
  }
  return { loadUser: loadUser as RequireUserOptions['loadUser'], sessionKey };
}
