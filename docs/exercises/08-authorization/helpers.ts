// The forum of lesson 08, for the exercises' checks. A check talks to a
// forum over HTTP only: it builds the app with the forum's createApp(), on a
// database from the forum's openDatabase(), and sends requests. So any
// correct answer passes it: the solution here, or your own lesson folder,
// whose createApp() and openDatabase() have the same signatures.
//
// Each exercise test runs its checks twice: against the solution, where all
// pass, and against lesson 08 as it is, where the checks of the new
// behaviour fail and the others (who may call what, unchanged) pass.
import { errorHandler, notFound, type ErrorLogEntry } from '@forum-lessons/error-handler';
import { requestId } from '@forum-lessons/middleware';
import { SQLiteStore } from '@forum-lessons/session-store';
import type { Database } from 'better-sqlite3';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import request from 'supertest';
import { expect, onTestFinished } from 'vitest';
import { createApp, type AppDeps } from '../../../lessons/08-authorization/src/app.ts';
import { loadConfig } from '../../../lessons/08-authorization/src/config.ts';
import { openDatabase } from '../../../lessons/08-authorization/src/db.ts';
import { createGuards, type Guards } from '../../../lessons/08-authorization/src/middleware/guards.ts';
import { createAuthRouter } from '../../../lessons/08-authorization/src/routes/auth.ts';
import { createSessionRouter } from '../../../lessons/08-authorization/src/routes/session.ts';
import { createUsersRouter } from '../../../lessons/08-authorization/src/routes/users.ts';
import { sessionLifetime, sessionMiddleware } from '../../../lessons/08-authorization/src/session.ts';

/** What a check needs to build a forum: the two functions of src/app.ts and src/db.ts it calls. */
export interface Forum {
  createApp: (deps: AppDeps) => Express;
  openDatabase: (path: string) => Database;
}

/** Lesson 08 as it is, before any exercise. */
export const lesson: Forum = { createApp, openDatabase };

export const admin = { username: 'admin', email: 'admin@example.com', password: 'a long phrase only I know 42' };
export const ada = { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple' };
export const grace = { username: 'grace', email: 'grace@example.com', password: 'amazing hopper compiler 1906' };
type Account = typeof ada;

/** The forum's app on a fresh database (in memory unless a path is given), closed when the test ends. */
export function startForum(forum: Forum, { databasePath = ':memory:' } = {}) {
  const db = forum.openDatabase(databasePath);
  const sessionStore = new SQLiteStore({ db });
  onTestFinished(() => {
    sessionStore.close();
    db.close();
  });
  const errors: ErrorLogEntry[] = [];
  const app = forum.createApp({
    config: loadConfig({ NODE_ENV: 'test', ADMIN_EMAIL: admin.email }),
    db,
    sessionStore,
    log: { request: () => {}, error: (entry) => errors.push(entry) },
    readNotice: async () => ({ message: 'Welcome to the forum.', updatedAt: '2025-01-01T00:00:00.000Z' }),
  });
  return { app, errors };
}

/** Registers `user`, logs in, and returns the agent, which keeps the cookie, and the user's id. */
export async function logIn(app: Express, user: Account) {
  const agent = request.agent(app);
  const registered = await agent.post('/api/v1/auth/register').send(user);
  expect([201, 409]).toContain(registered.status);
  await agent.post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
  const { body } = await agent.get('/api/v1/auth/me').expect(200);
  return { agent, id: body.id as number };
}

/** The admin of startForum()'s config, logged in. */
export async function logInAdmin(app: Express) {
  return (await logIn(app, admin)).agent;
}

/** Registers `user`, has the admin approve the account, and logs the user in. */
export async function logInApproved(app: Express, user: Account) {
  const member = await logIn(app, user);
  await (await logInAdmin(app)).post(`/api/v1/users/${member.id}/approve`).expect(200);
  return member;
}

// #region forum-with
/** The parts of lesson 08's app an exercise may replace. */
export interface ForumParts {
  /** The guard chains; lesson 08's createGuards() unless given. */
  guards?: (deps: { db: Database }) => Guards;
  /** What runs under /api/v1/users; lesson 08's admin chain and users router unless given. */
  users?: (deps: { db: Database; guard: Guards }) => RequestHandler[];
  /** Opens the database; lesson 08's openDatabase() unless given. */
  openDatabase?: (path: string) => Database;
}

/**
 * Lesson 08's createApp(), with the parts an exercise changes passed in:
 * the same middleware in the same order, the auth, users and session
 * routes, and the error handler. (/health, /ping and the notice are left
 * out: no exercise touches them.) helpers.test.ts walks the lesson's
 * authorization matrix against it, so it cannot drift from the lesson.
 */
export function forumWith({
  guards = createGuards,
  users = ({ db, guard }) => [...guard.admin, createUsersRouter({ db })],
  openDatabase: open = openDatabase,
}: ForumParts = {}): Forum {
  return {
    openDatabase: open,
    createApp({ config, db, sessionStore, log = {}, now = Date.now }) {
      const app = express();
      app.disable('x-powered-by');
      app.set('env', config.nodeEnv);
      app.use(requestId());
      app.use(express.json({ limit: '10kb' }));
      app.use(sessionMiddleware({ config, store: sessionStore }));
      app.use(sessionLifetime({ config, now }));
      const guard = guards({ db });
      app.use('/api/v1/auth', noStore, createAuthRouter({ config, db, loggedIn: guard.loggedIn, now }));
      app.use('/api/v1/users', noStore, ...users({ db, guard }));
      app.use('/api/v1/session', createSessionRouter({ config, store: sessionStore }));
      app.use(notFound());
      app.use(errorHandler({ log: log.error }));
      return app;
    },
  };
}
// #endregion forum-with

function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.set('Cache-Control', 'no-store');
  next();
}

/** A check: one behaviour, asked of a forum over HTTP. `isNew`: lesson 08 as it is must fail it. */
export interface Check {
  name: string;
  isNew: boolean;
  run: (forum: Forum) => Promise<void>;
}
