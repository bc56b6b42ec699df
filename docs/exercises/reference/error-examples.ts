// The app behind the examples on docs/reference/errors.md. It is built from
// the real packages (requestId, validate, requireUser, requireApproved,
// notFound, errorHandler), so every example response on that page is one this
// code sent. error-examples.test.ts sends the requests listed below and
// compares each answer with its file in docs/reference/examples/.
import { errorHandler, notFound, type ErrorLogEntry } from '@forum-lessons/error-handler';
import { requestId, requireApproved, requireUser, validate, type BaseUser } from '@forum-lessons/middleware';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import express, { type Express, type RequestHandler } from 'express';
import createError from 'http-errors';
import { z } from 'zod';

/** The id every example request gets, so the files do not change from run to run. */
export const EXAMPLE_REQUEST_ID = '5f0c8a3e-2b7d-4a51-9d7e-0c1f2a3b4c5d';

/** The body limit of express.json(); the 413 example sends more than this. */
export const BODY_LIMIT = '1kb';

export interface ErrorExamplesDeps {
  /** An open database from openExamplesDatabase(). */
  db: Database;
  /** Receives every 5xx the error handler answers. Tests pass their own, to keep the console quiet. */
  log: (entry: ErrorLogEntry) => void;
  /** Makes the request id. Default: always EXAMPLE_REQUEST_ID. */
  generateId?: () => string;
}

// Two accounts: Ada is approved, Bob still waits for an administrator.
const users: ReadonlyMap<number, BaseUser> = new Map([
  [1, { id: 1, status: 'approved', role: 'member' }],
  [2, { id: 2, status: 'pending', role: 'member' }],
]);

/** Session cookies the example requests send, and the session each one stands for. */
export const SESSIONS: Readonly<Record<string, { userId: number }>> = {
  'ada-session': { userId: 1 },
  'bob-session': { userId: 2 },
};

// #region register-schema
const registerBody = z.object({
  username: z.string().trim().min(3, 'Username must be at least 3 characters'),
  email: z.email(),
  password: z.string().min(12, 'Password must be at least 12 characters'),
});
// #endregion register-schema

type NewUser = { username: string; email: string; password: string };
const insertSql = 'INSERT INTO users (username, email, password) VALUES (@username, @email, @password)';

/** An in-memory database with a users table whose email is UNIQUE, and Ada's account in it. */
export function openExamplesDatabase(): Database {
  const db = new BetterSqlite3(':memory:');
  db.exec(`CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    password TEXT NOT NULL
  )`);
  db.prepare<NewUser>(insertSql).run({ username: 'ada', email: 'ada@example.com', password: 'not-a-real-hash' });
  return db;
}

// #region create-app
export function createErrorExamplesApp({ db, log, generateId = () => EXAMPLE_REQUEST_ID }: ErrorExamplesDeps): Express {
  const insertUser = db.prepare<NewUser>(insertSql);

  const app = express();
  app.disable('x-powered-by');
  app.use(requestId({ generate: generateId }));
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(cookieSession(SESSIONS));

  // 400 (validation) and 409 (the email is taken: UNIQUE constraint failed: users.email).
  app.post('/api/v1/auth/register', validate({ body: registerBody }), (req, res) => {
    insertUser.run({ ...req.body, password: 'not-a-real-hash' });
    res.status(201).json({ username: req.body.username });
  });

  // 401 without a session, 403 for a user who is not approved yet.
  const requireLogin = requireUser({ loadUser: (id) => users.get(Number(id)) });
  app.get('/api/v1/posts', requireLogin, requireApproved(), (_req, res) => {
    res.json({ posts: [] });
  });
  app.get('/api/v1/posts/:id', requireLogin, requireApproved(), () => {
    throw createError(404, 'Post not found');
  });

  // 500: an error nobody expected. Its message goes to `log`, not to the client.
  app.get('/api/v1/notice', () => {
    throw new Error("ENOENT: no such file or directory, open 'notice.json'");
  });

  app.use(notFound());
  app.use(errorHandler({ log }));
  return app;
}
// #endregion create-app

/**
 * A stand-in for express-session, which the docs workspace does not install:
 * the cookie `sid=<name>` selects one of a few fixed sessions. requireUser()
 * only reads `req.session`, so it cannot tell the difference.
 */
function cookieSession(sessions: Readonly<Record<string, { userId: number }>>): RequestHandler {
  return (req, _res, next) => {
    const sid = /(?:^|;\s*)sid=([^;]*)/.exec(req.get('cookie') ?? '')?.[1];
    const session = sid === undefined ? undefined : sessions[sid];
    (req as unknown as { session: Record<string, unknown> }).session = { ...session };
    next();
  };
}

/** One request of the page, and the file its answer is kept in. */
export interface ErrorExample {
  /** `docs/reference/examples/<name>.http` */
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** Sent as is. */
  body?: string;
}

const json = 'application/json';

// #region examples
export const errorExamples: readonly ErrorExample[] = [
  {
    name: '400-validation',
    method: 'POST',
    path: '/api/v1/auth/register',
    headers: { 'Content-Type': json },
    body: JSON.stringify({ username: 'ada', email: 'not-an-email', password: 'short' }),
  },
  {
    name: '400-malformed-json',
    method: 'POST',
    path: '/api/v1/auth/register',
    headers: { 'Content-Type': json },
    body: '{"username": "ada",',
  },
  { name: '401-not-logged-in', method: 'GET', path: '/api/v1/posts' },
  { name: '403-not-approved', method: 'GET', path: '/api/v1/posts', headers: { Cookie: 'sid=bob-session' } },
  { name: '404-not-found', method: 'GET', path: '/api/v1/posts/42', headers: { Cookie: 'sid=ada-session' } },
  { name: '404-no-route', method: 'GET', path: '/api/v1/nothing-here?page=2' },
  {
    name: '409-conflict',
    method: 'POST',
    path: '/api/v1/auth/register',
    headers: { 'Content-Type': json },
    body: JSON.stringify({ username: 'ada2', email: 'ada@example.com', password: 'correct horse battery' }),
  },
  {
    name: '413-too-large',
    method: 'POST',
    path: '/api/v1/auth/register',
    headers: { 'Content-Type': json },
    body: JSON.stringify({ username: 'ada', email: 'ada@example.com', password: 'x'.repeat(2000) }),
  },
  {
    name: '415-unsupported-charset',
    method: 'POST',
    path: '/api/v1/auth/register',
    headers: { 'Content-Type': 'application/json; charset=latin1' },
    body: JSON.stringify({ username: 'ada' }),
  },
  { name: '500-internal', method: 'GET', path: '/api/v1/notice' },
];
// #endregion examples
