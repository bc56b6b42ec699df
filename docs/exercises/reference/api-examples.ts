// The requests behind the examples on docs/reference/api.md. They go to the
// app of API_LESSON, built with its own createApp() on an in-memory database,
// in the order a client would send them: the later ones use the accounts and
// the session cookies the earlier ones created.
// api-examples.test.ts sends them and compares each exchange with its file in
// docs/reference/api-examples/.
import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import { SQLiteStore } from '@forum-lessons/session-store';
import type { Database } from 'better-sqlite3';
import type { Express } from 'express';
import type { Store } from 'express-session';

// #region api-lesson
/**
 * The lesson whose API the reference describes: the newest one that changed
 * it. When a new lesson changes the API, change this line, add its requests
 * below, regenerate the files (`pnpm examples` in docs/) and update the page.
 */
export const API_LESSON = '09-forum-posts';
// #endregion api-lesson

/** What the examples use from the lesson, which every lesson since 07 exports. */
interface LessonModules {
  createApp(deps: {
    config: unknown;
    db: Database;
    sessionStore: Store;
    log: { request: (line: string) => void; error: (entry: ErrorLogEntry) => void };
    readNotice: () => Promise<Notice>;
  }): Express;
  loadConfig(env: NodeJS.ProcessEnv): { sessionMaxAgeMs: number };
  openDatabase(path: string): Database;
  SESSION_COOKIE: string;
}

/** Imports a module of the lesson's src/ folder, by its absolute URL. */
const fromLesson = (file: string): Promise<unknown> => import(new URL(`../../../lessons/${API_LESSON}/src/${file}`, import.meta.url).href);
const lesson: LessonModules = {
  ...((await fromLesson('app.ts')) as Pick<LessonModules, 'createApp'>),
  ...((await fromLesson('config.ts')) as Pick<LessonModules, 'loadConfig'>),
  ...((await fromLesson('db.ts')) as Pick<LessonModules, 'openDatabase'>),
  ...((await fromLesson('session.ts')) as Pick<LessonModules, 'SESSION_COOKIE'>),
};

/** The name of the session cookie the lesson sets. */
export const SESSION_COOKIE = lesson.SESSION_COOKIE;

/** The forum notice: `{ message, updatedAt }`. */
export interface Notice {
  message: string;
  updatedAt: string;
}

/** The account the examples register first; it waits for approval, then an admin approves it. */
export const ada = { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple' };
/** The first admin: the config names this email in ADMIN_EMAIL. */
export const admin = { username: 'admin', email: 'admin@example.com', password: 'a long phrase only I know 42' };
/** The accounts whose session cookies the examples send, by name. */
export const accounts = { ada, admin } as const;
export type AccountName = keyof typeof accounts;

/** What GET /api/v1/notice answers: the server reads notice.json, the examples use this. */
export const notice: Notice = { message: 'Welcome to the forum.', updatedAt: '2025-01-01T00:00:00.000Z' };

/**
 * NODE_ENV=test: the cookie has no `Secure` attribute (production adds it),
 * and the lifetime is the default week. ADMIN_EMAIL names the first admin.
 */
export const config = lesson.loadConfig({ NODE_ENV: 'test', ADMIN_EMAIL: admin.email });

export interface ApiExamplesApp {
  app: Express;
  db: Database;
  /** Lines the request logger wrote, and the 5xx the error handler logged. */
  logged: { requests: string[]; errors: ErrorLogEntry[] };
  close: () => void;
}

// #region create-app
/** The lesson's app as its server.ts builds it, but on `:memory:` and with the logs collected. */
export function createApiExamplesApp(): ApiExamplesApp {
  const db = lesson.openDatabase(':memory:');
  const sessionStore = new SQLiteStore({ db });
  const logged: ApiExamplesApp['logged'] = { requests: [], errors: [] };
  const app = lesson.createApp({
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
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** Sent as JSON, with `Content-Type: application/json`. */
  body?: unknown;
  /** Send the session cookie of this account's last successful login. */
  as?: AccountName;
  /** The status the answer must have. */
  status: number;
}

const logIn = (account: { email: string; password: string }) => ({ email: account.email, password: account.password });

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
  // Ada registers: a pending member.
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
  { name: 'login', method: 'POST', path: '/api/v1/auth/login', body: logIn(ada), status: 200 },
  { name: 'me', method: 'GET', path: '/api/v1/auth/me', as: 'ada', status: 200 },
  // Pending, Ada tries to approve herself.
  { name: 'approve-403-pending', method: 'POST', path: '/api/v1/users/1/approve', as: 'ada', status: 403 },
  // Pending, Ada cannot read the posts either: they are for approved members.
  { name: 'posts-403-pending', method: 'GET', path: '/api/v1/posts', as: 'ada', status: 403 },
  // The account of ADMIN_EMAIL registers: an approved admin at once.
  { name: 'register-admin', method: 'POST', path: '/api/v1/auth/register', body: admin, status: 201 },
  { name: 'login-admin', method: 'POST', path: '/api/v1/auth/login', body: logIn(admin), status: 200 },
  { name: 'users-pending', method: 'GET', path: '/api/v1/users?status=pending', as: 'admin', status: 200 },
  { name: 'users-list', method: 'GET', path: '/api/v1/users?limit=10', as: 'admin', status: 200 },
  { name: 'users-list-400', method: 'GET', path: '/api/v1/users?status=banned&limit=500&offset=-1', as: 'admin', status: 400 },
  { name: 'user-by-id', method: 'GET', path: '/api/v1/users/1', as: 'admin', status: 200 },
  { name: 'user-by-id-400', method: 'GET', path: '/api/v1/users/abc', as: 'admin', status: 400 },
  { name: 'user-by-id-404', method: 'GET', path: '/api/v1/users/99', as: 'admin', status: 404 },
  { name: 'approve', method: 'POST', path: '/api/v1/users/1/approve', as: 'admin', status: 200 },
  { name: 'approve-404', method: 'POST', path: '/api/v1/users/99/approve', as: 'admin', status: 404 },
  // Ada's session did not change, and she is approved: the guards read the database.
  { name: 'me-approved', method: 'GET', path: '/api/v1/auth/me', as: 'ada', status: 200 },
  // Approved, but a member: the users routes need the admin role.
  { name: 'approve-403-member', method: 'POST', path: '/api/v1/users/1/approve', as: 'ada', status: 403 },
  // Approved, Ada writes post 1; a blank title is refused.
  {
    name: 'post-create',
    method: 'POST',
    path: '/api/v1/posts',
    body: { title: 'Hello from Ada', body: 'My account was approved today. What is everyone working on?' },
    as: 'ada',
    status: 201,
  },
  {
    name: 'post-create-400',
    method: 'POST',
    path: '/api/v1/posts',
    body: { title: '   ', body: 'A post without a title.' },
    as: 'ada',
    status: 400,
  },
  // The admin writes post 2, and Ada replies to it: post 2 has the newest activity.
  {
    name: 'post-create-admin',
    method: 'POST',
    path: '/api/v1/posts',
    body: { title: 'Forum rules', body: 'Be kind, stay on topic, and search before you ask.' },
    as: 'admin',
    status: 201,
  },
  { name: 'reply-create', method: 'POST', path: '/api/v1/posts/2/replies', body: { body: 'Noted, thank you!' }, as: 'ada', status: 201 },
  { name: 'replies-list', method: 'GET', path: '/api/v1/posts/2/replies', as: 'admin', status: 200 },
  { name: 'posts-list', method: 'GET', path: '/api/v1/posts', as: 'ada', status: 200 },
  { name: 'posts-list-past-end', method: 'GET', path: '/api/v1/posts?page=3&limit=1', as: 'ada', status: 200 },
  { name: 'post-by-id', method: 'GET', path: '/api/v1/posts/1', as: 'admin', status: 200 },
  // Ada edits her own post, then tries the admin's.
  { name: 'post-edit', method: 'PATCH', path: '/api/v1/posts/1', body: { title: 'Hello from Ada Lovelace' }, as: 'ada', status: 200 },
  { name: 'post-edit-403', method: 'PATCH', path: '/api/v1/posts/2', body: { body: 'No rules!' }, as: 'ada', status: 403 },
  // Ada deletes her post; asking for it again is a 404.
  { name: 'post-delete', method: 'DELETE', path: '/api/v1/posts/1', as: 'ada', status: 204 },
  { name: 'post-by-id-404', method: 'GET', path: '/api/v1/posts/1', as: 'ada', status: 404 },
  { name: 'logout', method: 'POST', path: '/api/v1/auth/logout', as: 'ada', status: 204 },
  // The cookie of the session that logout deleted, sent again on purpose.
  { name: 'me-401', method: 'GET', path: '/api/v1/auth/me', as: 'ada', status: 401 },
];
// #endregion examples
