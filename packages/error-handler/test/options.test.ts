import express from 'express';
import request from 'supertest';
import { expect, test } from 'vitest';
import { checkOptions, describeValue, errorHandler, looksLikeRequest } from '../src/index.ts';

test.each([
  [{ log: 'console' }, 'errorHandler(): option "log" must be a function (entry) => void, got a string ("console")'],
  [{ logClientErrors: 'yes' }, 'errorHandler(): option "logClientErrors" must be a boolean, got a string ("yes")'],
  [{ exposeStack: 1 }, 'errorHandler(): option "exposeStack" must be a boolean, got a number (1)'],
  [{ exposeStacks: true }, 'errorHandler(): unknown option "exposeStacks" (known options: log, logClientErrors, exposeStack)'],
  [null, 'errorHandler(): options must be an object, got null'],
  [[], 'errorHandler(): options must be an object, got an array'],
  ['verbose', 'errorHandler(): options must be an object, got a string ("verbose")'],
])('errorHandler(%j) throws a TypeError naming the problem', (options, message) => {
  expect(() => errorHandler(options as never)).toThrow(new TypeError(message));
});

test('errorHandler() with no options and with {} both work', () => {
  expect(errorHandler()).toBeTypeOf('function');
  expect(errorHandler({})).toBeTypeOf('function');
});

test('the handler keeps four parameters, so Express treats it as an error handler', () => {
  expect(errorHandler()).toHaveLength(4);
});

test('app.use(errorHandler) without the call is caught and explained', async () => {
  const app = express();
  // Mounted with one parameter, Express calls it as ordinary middleware.
  app.use(errorHandler as unknown as express.RequestHandler);
  let caught: unknown;
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    caught = err;
    res.status(500).end();
  });

  await request(app).get('/');

  expect(caught).toEqual(
    new TypeError('errorHandler() is a factory: write app.use(errorHandler()), not app.use(errorHandler)'),
  );
});

// The checks behind every factory's options, exported for other factories
// (@forum-lessons/middleware uses them).
test('checkOptions returns the options, or {} for undefined', () => {
  const options = { limit: 3 };

  expect(checkOptions('rateLimit()', options, ['limit'])).toBe(options);
  expect(checkOptions('rateLimit()', undefined, ['limit'])).toEqual({});
});

test.each([
  [{ limits: 3 }, 'rateLimit(): unknown option "limits" (known options: limit, windowMs)'],
  [3, 'rateLimit(): options must be an object, got a number (3)'],
  [{ method: 'GET', headers: {}, socket: {} }, 'rateLimit() is a factory: write app.use(rateLimit()), not app.use(rateLimit)'],
])('checkOptions(%o) throws a TypeError naming the factory', (options, message) => {
  expect(() => checkOptions('rateLimit()', options, ['limit', 'windowMs'])).toThrow(new TypeError(message));
});

test.each([
  [undefined, 'undefined'],
  [null, 'null'],
  ['uuid', 'a string ("uuid")'],
  ['x'.repeat(50), `a string ("${'x'.repeat(40)}…")`],
  [0, 'a number (0)'],
  [false, 'a boolean (false)'],
  [[1], 'an array'],
  [{}, 'an object'],
  [() => 1, 'a function'],
])('describeValue(%o) is %s', (value, description) => {
  expect(describeValue(value)).toBe(description);
});

test('looksLikeRequest is true for a request and false for options', async () => {
  const seen: boolean[] = [];
  const app = express();
  app.use((req, res) => {
    seen.push(looksLikeRequest(req), looksLikeRequest({ log: () => {} }), looksLikeRequest(null));
    res.end();
  });

  await request(app).get('/');

  expect(seen).toEqual([true, false, false]);
});
