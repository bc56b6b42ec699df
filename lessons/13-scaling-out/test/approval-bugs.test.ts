// The approval check from the course's source material had two bugs. These
// tests show each one's symptom, and the guard from @forum-lessons/middleware
// that replaces it. Small apps, built here: a stand-in middleware puts the
// user on req.user as requireUser() would.
import { errorHandler, notFound, type ErrorLogEntry } from '@forum-lessons/error-handler';
import { requireApproved } from '@forum-lessons/middleware';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';

// #region as-written
// The check as the source material wrote it (in TypeScript here).
function assertUserApprovedAsWritten(req: Request, res: Response, next: NextFunction): void {
  // Bug 1: the logged-in user is on req.user. `account` is not defined on
  // the request, so this reads a property of undefined and throws.
  const account = (req as Request & { account?: { status: string } }).account;
  if (account!.status !== 'approved') {
    next(Object.assign(new Error("Your account is waiting for an administrator's approval"), { status: 403 }));
    return;
  }
  // Bug 2: nothing here calls next(). For an approved user the function
  // returns, nobody answers, and the request hangs.
}
// #endregion as-written

// #region half-fixed
// Bug 1 fixed, bug 2 still there.
function assertUserApprovedHalfFixed(req: Request, _res: Response, next: NextFunction): void {
  if (req.user?.status !== 'approved') {
    next(Object.assign(new Error("Your account is waiting for an administrator's approval"), { status: 403 }));
    return;
  }
}
// #endregion half-fixed

/** An app whose /posts route is guarded by `guard`; the X-Test-Status header sets req.user.status. */
function appWith(guard: RequestHandler) {
  const errors: ErrorLogEntry[] = [];
  const handler = vi.fn((_req: Request, res: Response) => {
    res.json({ posts: [] });
  });
  const app = express();
  app.use((req, _res, next) => {
    req.user = { id: 1, status: req.get('X-Test-Status') ?? 'pending', role: 'member' };
    next();
  });
  app.get('/posts', guard, handler);
  app.use(notFound());
  app.use(errorHandler({ log: (entry) => errors.push(entry) }));
  return { app, errors, handler };
}

// #region bug-1-test
test('as written, the check throws for every user: a 500, and a TypeError in the log', async () => {
  const { app, errors, handler } = appWith(assertUserApprovedAsWritten);

  const res = await request(app).get('/posts').set('X-Test-Status', 'approved');

  expect(res.status).toBe(500);
  expect(handler).not.toHaveBeenCalled();
  expect(String(errors[0]!.error)).toMatch(/^TypeError: Cannot read properties of undefined \(reading 'status'\)/);
});
// #endregion bug-1-test

// #region bug-2-test
test('with req.user read, a pending user gets 403, but an approved user\'s request hangs', async () => {
  const { app, handler } = appWith(assertUserApprovedHalfFixed);
  expect((await request(app).get('/posts').set('X-Test-Status', 'pending')).status).toBe(403);

  // Watch the approved request from the server's side: once the guard has
  // returned, let the event loop run a few turns. A request that is being
  // answered has started its answer by then; this one has not.
  let arrived!: (res: Response) => void;
  const reached = new Promise<Response>((resolve) => (arrived = resolve));
  const watched = express();
  watched.use((_req, res, next) => {
    arrived(res);
    next();
  });
  watched.use(app);
  const server = watched.listen(0);
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  await once(server, 'listening');
  const client = new AbortController();
  const answer = fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/posts`, {
    headers: { 'X-Test-Status': 'approved' },
    signal: client.signal,
  });
  const res = await reached;
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));

  expect(res.headersSent).toBe(false);
  expect(handler).not.toHaveBeenCalled();
  // A browser would wait minutes for this answer. The test hangs up instead.
  client.abort();
  await expect(answer).rejects.toThrow('This operation was aborted');
});
// #endregion bug-2-test

// #region fixed-test
test('requireApproved() from the package reads req.user and calls next(): the approved user gets the posts', async () => {
  const { app, handler } = appWith(requireApproved());

  const approved = await request(app).get('/posts').set('X-Test-Status', 'approved');
  const pending = await request(app).get('/posts').set('X-Test-Status', 'pending');

  expect(approved.status).toBe(200);
  expect(approved.body).toEqual({ posts: [] });
  expect(handler).toHaveBeenCalledTimes(1);
  expect(pending.status).toBe(403);
  expect(pending.body.detail).toBe("Your account is waiting for an administrator's approval");
});
// #endregion fixed-test
