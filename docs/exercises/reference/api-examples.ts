// The requests behind the examples on docs/reference/api.md. They go to
// lesson 07's own app, built with its own createApp() on an in-memory
// database, in the order a client would send them: the later ones use the
// account and the session cookie the earlier ones created.
// api-examples.test.ts sends them and compares each exchange with its file in
// docs/reference/api-examples/.
import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import { SQLiteStore } from '@forum-lessons/session-store';
import type { Database } from 'better-sqlite3';
import type { Express } from 'express';
import { createApp } from '../../../lessons/07-authentication/src/app.ts';
import { loadConfig, type Config } from '../../../lessons/07-authentication/src/config.ts';
import { openDatabase } from '../../../lessons/07-authentication/src/db.ts';
import type { Notice } from '../../../lessons/07-authentication/src/notice.ts';

/** The account the examples register and log in with. */
export const ada = { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple' };

/** What GET /api/v1/notice answers: the server reads notice.json, the examples use this. */
export const notice: Notice = { message: 'Welcome to the forum.', updatedAt: '2025-01-01T00:00:00.000Z' };

/** NODE_ENV=test: the cookie has no `Secure` attribute (production adds it), and the lifetime is the default week. */
export const config: Config = loadConfig({ NODE_ENV: 'test' });

export interface ApiExamplesApp {
  app: Express;
  db: Database;
  /** Lines the request logger wrote, and the 5xx the error handler logged. */
  logged: { requests: string[]; errors: ErrorLogEntry[] };
  close: () => void;
}

// #region create-app
/** Lesson 07's app as its server.ts builds it, but on `:memory:` and with the logs collected. */
export function createApiExamplesApp(): ApiExamplesApp {
  const db = openDatabase(':memory:');
  const sessionStore = new SQLiteStore({ db });
  const logged: ApiExamplesApp['logged'] = { requests: [], errors: [] };
  const app = createApp({
    config,
    db,
    sessionStore,
    log: { request: (line) => logged.requests.push(line), error: (entry) => logged.errors.push(entry) },
    readNotice: async () => notice,
  });
  const close = () => {
    sessionStore.close();
    db.close();
  };
  return { app, db, logged, close };
}
// #endregion create-app

/** One request of the page, and the file its exchange is kept in. */
export interface ApiExample {
  /** `docs/reference/api-examples/<name>.http` */
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Sent as JSON, with `Content-Type: application/json`. */
  body?: unknown;
  /** Send the session cookie of the last successful login. */
  loggedIn?: boolean;
  /** The status the answer must have. */
  status: number;
}

// #region examples
/** In the order they are sent: each one sees what the ones before it did. */
export const apiExamples: readonly ApiExample[] = [
  { name: 'health', method: 'GET', path: '/health', status: 200 },
  { name: 'ping', method: 'GET', path: '/api/v1/ping', status: 200 },
  { name: 'notice', method: 'GET', path: '/api/v1/notice', status: 200 },
  { name: 'session', method: 'GET', path: '/api/v1/session', status: 200 },
  {
    name: 'register-400',
    method: 'POST',
    path: '/api/v1/auth/register',
    body: { username: 'a', email: 'ada', password: 'short' },
    status: 400,
  },
  { name: 'register', method: 'POST', path: '/api/v1/auth/register', body: ada, status: 201 },
  {
    name: 'register-409',
    method: 'POST',
    path: '/api/v1/auth/register',
    body: { username: 'ada_lovelace', email: 'ADA@example.com', password: 'another long passphrase' },
    status: 409,
  },
  {
    name: 'login-401',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: { email: ada.email, password: 'not the password' },
    status: 401,
  },
  { name: 'login', method: 'POST', path: '/api/v1/auth/login', body: { email: ada.email, password: ada.password }, status: 200 },
  { name: 'me', method: 'GET', path: '/api/v1/auth/me', loggedIn: true, status: 200 },
  { name: 'users-list', method: 'GET', path: '/api/v1/users?limit=10', loggedIn: true, status: 200 },
  { name: 'users-list-400', method: 'GET', path: '/api/v1/users?limit=500&offset=-1', loggedIn: true, status: 400 },
  { name: 'user-by-id', method: 'GET', path: '/api/v1/users/1', loggedIn: true, status: 200 },
  { name: 'user-by-id-400', method: 'GET', path: '/api/v1/users/abc', loggedIn: true, status: 400 },
  { name: 'user-by-id-404', method: 'GET', path: '/api/v1/users/99', loggedIn: true, status: 404 },
  { name: 'logout', method: 'POST', path: '/api/v1/auth/logout', loggedIn: true, status: 204 },
  // The cookie of the session that logout deleted, sent again on purpose.
  { name: 'me-401', method: 'GET', path: '/api/v1/auth/me', loggedIn: true, status: 401 },
];
// #endregion examples
