// Express 5 forwards errors from async handlers by itself. These tests show
// the wrapper older material (written for Express 4) teaches, and prove that
// the lesson's app does not need it.
import { errorHandler, type ErrorLogEntry } from '@forum-lessons/error-handler';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import createError from 'http-errors';
import request from 'supertest';
import { expect, test } from 'vitest';

// #region async-handler
// What Express 4 tutorials teach: Express 4 ignored the promise an async
// handler returned, so a rejection never reached next(). The wrapper catches
// it and calls next(err) by hand.
function asyncHandler(handler: (req: Request, res: Response, next: NextFunction) => Promise<unknown>): RequestHandler {
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}
// #endregion async-handler

// Stands in for a database query that finds nothing: the handler awaits it,
// and the error arrives as a rejected promise.
async function loadPost(id: string): Promise<{ id: string }> {
  await nextTurn();
  throw createError(404, `Post ${id} not found`);
}

/** Waits for the next turn of the event loop: asynchronous, but no waiting on a clock. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** An app with one async route, ending in the shared error handler. */
function appWithRoute(handler: RequestHandler) {
  const errors: ErrorLogEntry[] = [];
  const app = express();
  app.get('/posts/:id', handler);
  app.use(errorHandler({ log: (entry) => errors.push(entry) }));
  return { app, errors };
}

test('with the asyncHandler wrapper, a rejection reaches the error handler', async () => {
  const { app } = appWithRoute(
    asyncHandler(async (req, res) => {
      res.json(await loadPost(String(req.params.id)));
    }),
  );

  const res = await request(app).get('/posts/7');

  expect(res.status).toBe(404);
  expect(res.body.detail).toBe('Post 7 not found');
});

// #region no-wrapper-test
test('without the wrapper, Express 5 forwards the rejection to the error handler all the same', async () => {
  const { app } = appWithRoute(async (req, res) => {
    res.json(await loadPost(String(req.params.id)));
  });

  const res = await request(app).get('/posts/7');

  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(res.body.detail).toBe('Post 7 not found');
});
// #endregion no-wrapper-test

test('an error thrown after an await in an async handler is a logged 500', async () => {
  const { app, errors } = appWithRoute(async () => {
    await nextTurn();
    throw new TypeError("Cannot read properties of undefined (reading 'title')");
  });

  const res = await request(app).get('/posts/7');

  expect(res.status).toBe(500);
  expect(res.body.detail).toBe('Something went wrong on our side.');
  expect(errors).toEqual([expect.objectContaining({ status: 500, error: expect.any(TypeError) })]);
});

test('an async middleware that rejects skips the route and reaches the error handler', async () => {
  const errors: ErrorLogEntry[] = [];
  let routeRan = false;
  const app = express();
  app.get(
    '/notice',
    async (_req, _res, next) => {
      await Promise.reject(createError(503, 'Notice unavailable'));
      next();
    },
    (_req, res) => {
      routeRan = true;
      res.json({});
    },
  );
  app.use(errorHandler({ log: (entry) => errors.push(entry) }));

  const res = await request(app).get('/notice');

  expect(res.status).toBe(503);
  expect(routeRan).toBe(false);
  expect(errors).toHaveLength(1);
});
