import { once } from 'node:events';
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type Request } from 'express';
import session from 'express-session';
import { onTestFinished } from 'vitest';
import { errorHandler, notFound, type ErrorLogEntry } from '@forum-lessons/error-handler';
import type { BaseUser } from '../src/index.ts';

/**
 * A fresh app with the routes `setup` adds, then the project's notFound() and
 * errorHandler(). Error log entries are collected instead of printed.
 */
export function appWith(setup: (app: Express) => void): { app: Express; errors: ErrorLogEntry[] } {
  const errors: ErrorLogEntry[] = [];
  const app = express();
  setup(app);
  app.use(notFound());
  app.use(errorHandler({ log: (entry) => errors.push(entry) }));
  return { app, errors };
}

export interface TestUser extends BaseUser {
  id: number;
  name: string;
}

/** Three users, one per situation the guards care about. */
export function someUsers(): Map<number, TestUser> {
  return new Map([
    [1, { id: 1, name: 'Ada', status: 'approved', role: 'admin' }],
    [2, { id: 2, name: 'Grace', status: 'approved', role: 'member' }],
    [3, { id: 3, name: 'Linus', status: 'pending', role: 'member' }],
  ]);
}

/**
 * Real express-session (with its MemoryStore, fine for a test) plus a route
 * that logs a user in: POST /test/login/:id stores the id in the session.
 */
export function withSessions(app: Express, sessionKey = 'userId'): void {
  app.use(session({ secret: 'test secret', resave: false, saveUninitialized: false }));
  app.post('/test/login/:id', (req, res) => {
    sessionOf(req)[sessionKey] = /^\d+$/.test(req.params.id!) ? Number(req.params.id) : req.params.id;
    res.status(204).end();
  });
  app.get('/test/session', (req, res) => {
    res.json(sessionOf(req));
  });
}

// The tests do not declare SessionData, so the session is read as a record.
export function sessionOf(req: Request): Record<string, unknown> {
  return req.session as unknown as Record<string, unknown>;
}

/** A promise and the function that resolves it, e.g. for a route to say "I ran". */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/**
 * Lets every callback that is already queued run, and whatever those queue
 * in turn, a few rounds deep. It waits for work, not for time: after it,
 * anything a middleware chain was going to do without new input has happened.
 */
export async function drainEventLoop(turns = 5): Promise<void> {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Serves `app` on a free local port until the test ends. For tests that must
 * hold a request open and abort it, which supertest cannot do.
 */
export async function listen(app: Express): Promise<Server> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return server;
}

/**
 * Starts `GET path` with node:http and hands back the controls of a client
 * that may stop waiting: `abort()` gives up on the request and resolves with
 * the error the client sees; `answered()` says whether a response arrived.
 */
export function startGet(server: Server, path: string, headers: Record<string, string> = {}) {
  const { port } = server.address() as AddressInfo;
  const controller = new AbortController();
  const req = get({ host: '127.0.0.1', port, path, headers, signal: controller.signal });
  let answered = false;
  req.on('response', (res) => {
    answered = true;
    res.resume();
  });
  // Listening for 'error' itself: once() resolves with it instead of rejecting.
  const failed = once(req, 'error');
  return {
    answered: () => answered,
    async abort(): Promise<unknown> {
      controller.abort();
      const [error] = await failed;
      return error;
    },
  };
}

/** The Cookie header that sends back the cookies of a supertest response. */
export function cookieFrom(res: { headers: Record<string, unknown> }): string {
  const cookies = res.headers['set-cookie'];
  return (Array.isArray(cookies) ? cookies : []).map((cookie: string) => cookie.split(';')[0]).join('; ');
}
