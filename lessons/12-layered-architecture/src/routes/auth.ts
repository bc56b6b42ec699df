import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router, type RequestHandler } from 'express';
import createError from 'http-errors';
import { hashPassword, verifyDummy, verifyPassword } from '../auth/password.ts';
import type { Config } from '../config.ts';
import type { RateLimits } from '../middleware/rate-limits.ts';
import { loginBody, registerBody, type RegisterBody } from '../schemas/auth.ts';
import {
  SESSION_COOKIE,
  destroySession,
  regenerateSession,
  saveSession,
  sessionCookieOptions,
} from '../session.ts';
import { userColumns, type User, type UserRole, type UserStatus } from './users.ts';

/** The one answer to every failed login, whichever part was wrong. */
export const BAD_CREDENTIALS = 'Email or password is incorrect';

export interface AuthRouterDeps {
  config: Pick<Config, 'nodeEnv' | 'adminEmail'>;
  db: Database;
  /** The guard for GET /me: a logged-in user on req.user. */
  loggedIn: RequestHandler;
  /** The clock that stamps the time of login. */
  now: () => number;
  /** The rate limiters of login and register, which run before validation. */
  limits: Pick<RateLimits, 'login' | 'register'>;
}

// #region create-auth-router
/** `POST /register`, `POST /login`, `POST /logout` and `GET /me`, mounted at /auth in the API (/api/v1/auth). */
export function createAuthRouter({ config, db, limits, loggedIn, now }: AuthRouterDeps): Router {
  const insertUser = db.prepare<
    Omit<RegisterBody, 'password'> & { passwordHash: string; createdAt: string; status: UserStatus; role: UserRole },
    User
  >(
    `INSERT INTO users (username, email, password_hash, created_at, status, role)
     VALUES (@username, @email, @passwordHash, @createdAt, @status, @role)
     RETURNING ${userColumns}`,
  );
  // The only query that reads password_hash. It stays inside this router.
  const findByEmail = db.prepare<[string], User & { passwordHash: string | null }>(
    `SELECT ${userColumns}, password_hash AS passwordHash FROM users WHERE email = ?`,
  );
  const router = Router();

  // #region register
  router.post('/register', limits.register, validate({ body: registerBody }), async (req, res) => {
    const { password, ...fields } = req.body;
    const passwordHash = await hashPassword(password);
    // A taken username or email makes SQLite throw; the error handler
    // answers 409, as in lesson 04.
    // #region first-admin
    // Everyone starts as a pending member, except the account of ADMIN_EMAIL
    // (emails are stored lowercased, and so is the setting).
    const isAdmin = config.adminEmail !== undefined && fields.email === config.adminEmail;
    const access = isAdmin ? ({ status: 'approved', role: 'admin' } as const) : ({ status: 'pending', role: 'member' } as const);
    // #endregion first-admin
    const user = insertUser.get({ ...fields, ...access, passwordHash, createdAt: new Date().toISOString() })!;
    // The answer is built from the RETURNING columns: no password, no hash.
    // req.app is the API sub-app, and req.app.path() the path it is mounted
    // at (/api/v1): the users router is its sibling, not under /auth.
    res.status(201).location(`${req.app.path()}/users/${user.id}`).json(user);
  });
  // #endregion register

  // #region login
  router.post('/login', ...limits.login, validate({ body: loginBody }), async (req, res) => {
    const { email, password } = req.body;
    const found = findByEmail.get(email);

    // Always run scrypt once. For an unknown email (or an account from
    // before passwords), verifyDummy() does the same work and fails, so the
    // answer takes as long as for a wrong password: neither its words nor
    // its timing tell whether an account exists.
    const stored = found?.passwordHash ?? null;
    const matches = stored === null ? await verifyDummy(password) : await verifyPassword(password, stored);
    if (found === undefined || !matches) throw createError(401, BAD_CREDENTIALS);

    // A new session id at login. Whoever knew the id from before (one they
    // planted in the victim's browser, or read before login) is left with a
    // session that no longer exists: no session fixation.
    await regenerateSession(req);
    req.session.userId = found.id;
    // The absolute lifetime counts from here (see sessionLifetime()).
    req.session.loggedInAt = now();
    // Written to the store before the answer, so a request the client sends
    // as soon as it has the cookie already finds the login.
    await saveSession(req);

    const { passwordHash: _hash, ...user } = found;
    res.json(user);
  });
  // #endregion login

  // #region logout
  router.post('/logout', async (req, res) => {
    // Deleted on the server: the cookie, even if someone kept a copy, now
    // names a session that does not exist.
    await destroySession(req);
    // And dropped by the browser: clearCookie sets an expired cookie, which
    // replaces the old one only with the same name, path and domain.
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
    res.status(204).end();
  });
  // #endregion logout

  // #region me
  router.get('/me', loggedIn, (req, res) => {
    res.json(req.user);
  });
  // #endregion me

  return router;
}
// #endregion create-auth-router

