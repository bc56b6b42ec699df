// The forum of lesson 09, for the exercises' checks. A check talks to a
// forum over HTTP: it builds the app with the forum's createApp(), on a
// database from the forum's openDatabase(), and sends requests. So any
// correct answer passes it: the solution here, or your own lesson folder,
// whose createApp() and openDatabase() have the same signatures. (The one
// check that reaches into the database adds a trigger to make a write fail,
// as the lesson's transaction test does; it needs only the lesson's tables.)
//
// Each exercise test runs its checks twice: against the solution, where all
// pass, and against lesson 09 as it is, where the checks of the new
// behaviour fail and the others (who may call what, unchanged) pass.
import { errorHandler, notFound, type ErrorLogEntry } from '@forum-lessons/error-handler';
import { requestId } from '@forum-lessons/middleware';
import { SQLiteStore } from '@forum-lessons/session-store';
import type { Database } from 'better-sqlite3';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import request from 'supertest';
import { expect, onTestFinished } from 'vitest';
import { createApp, type AppDeps } from '../../../lessons/09-forum-posts/src/app.ts';
import { loadConfig } from '../../../lessons/09-forum-posts/src/config.ts';
import { openDatabase } from '../../../lessons/09-forum-posts/src/db.ts';
import { createGuards, type Guards } from '../../../lessons/09-forum-posts/src/middleware/guards.ts';
import { createAuthRouter } from '../../../lessons/09-forum-posts/src/routes/auth.ts';
import { createPostsRouter } from '../../../lessons/09-forum-posts/src/routes/posts.ts';
import { createSessionRouter } from '../../../lessons/09-forum-posts/src/routes/session.ts';
import { createUsersRouter } from '../../../lessons/09-forum-posts/src/routes/users.ts';
import { sessionLifetime, sessionMiddleware } from '../../../lessons/09-forum-posts/src/session.ts';

/** What a check needs to build a forum: the two functions of src/app.ts and src/db.ts it calls. */
export interface Forum {
  createApp: (deps: AppDeps) => Express;
  openDatabase: (path: string) => Database;
}

/** Lesson 09 as it is, before any exercise. */
export const lesson: Forum = { createApp, openDatabase };

export const admin = { username: 'admin', email: 'admin@example.com', password: 'a long phrase only I know 42' };
export const ada = { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple' };
export const grace = { username: 'grace', email: 'grace@example.com', password: 'amazing hopper compiler 1906' };
type Account = typeof ada;

/** A clock that moves only when a test moves it: createApp()'s `now`. */
export function testClock(start = Date.parse('2026-01-01T00:00:00.000Z')) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => (time += ms),
    iso: () => new Date(time).toISOString(),
  };
}

/**
 * The forum's app on a fresh database (in memory unless a path is given),
 * closed when the test ends, with the clock a test passes (Date.now unless
 * given). `errors` collects what the error handler logged.
 */
export function startForum(forum: Forum, { databasePath = ':memory:', now = Date.now }: { databasePath?: string; now?: () => number } = {}) {
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
    now,
    log: { request: () => {}, error: (entry) => errors.push(entry) },
    readNotice: async () => ({ message: 'Welcome to the forum.', updatedAt: '2025-01-01T00:00:00.000Z' }),
  });
  return { app, db, errors };
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

type Agent = Awaited<ReturnType<typeof logIn>>['agent'];

/**
 * Registers `user`, has the admin approve the account, and logs the user
 * in. Pass the admin's agent when you have one: each login costs a scrypt
 * hash.
 */
export async function logInApproved(app: Express, user: Account, adminAgent?: Agent) {
  const member = await logIn(app, user);
  await (adminAgent ?? (await logInAdmin(app))).post(`/api/v1/users/${member.id}/approve`).expect(200);
  return member;
}

/** Writes a post as `agent` and returns its id. */
export async function writePost(agent: Agent, post: { title: string; body: string } = { title: 'Hello', body: 'A post.' }) {
  const { body } = await agent.post('/api/v1/posts').send(post).expect(201);
  return body.id as number;
}

/** Writes a reply to post `postId` as `agent` and returns its id. */
export async function writeReply(agent: Agent, postId: number, body = 'A reply.') {
  const res = await agent.post(`/api/v1/posts/${postId}/replies`).send({ body }).expect(201);
  return res.body.id as number;
}

// #region forum-with
/** What an exercise may add to the posts routes, and how it opens the database. */
export interface ForumParts {
  /**
   * Routers that run before the lesson's posts router, behind the same
   * `approved` guards: a route they define wins over the lesson's.
   */
  posts?: (deps: { db: Database; now: () => number }) => RequestHandler[];
  /** Opens the database; lesson 09's openDatabase() unless given. */
  openDatabase?: (path: string) => Database;
}

/**
 * Lesson 09's createApp(), with the parts an exercise changes passed in:
 * the same middleware in the same order, the auth, users, posts and session
 * routes, and the error handler. (/health, /ping and the notice are left
 * out: no exercise touches them.) helpers.test.ts walks the lesson's
 * authorization matrix against it, so it cannot drift from the lesson.
 */
export function forumWith({ posts = () => [], openDatabase: open = openDatabase }: ForumParts = {}): Forum {
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
      const guard: Guards = createGuards({ db });
      app.use('/api/v1/auth', noStore, createAuthRouter({ config, db, loggedIn: guard.loggedIn, now }));
      app.use('/api/v1/users', noStore, guard.admin, createUsersRouter({ db }));
      app.use('/api/v1/posts', guard.approved, ...posts({ db, now }), createPostsRouter({ db, now }));
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

/** A check: one behaviour, asked of a forum over HTTP. `isNew`: lesson 09 as it is must fail it. */
export interface Check {
  name: string;
  isNew: boolean;
  run: (forum: Forum) => Promise<void>;
}
