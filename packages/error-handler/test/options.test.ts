import express from 'express';
import request from 'supertest';
import { expect, test } from 'vitest';
import { errorHandler } from '../src/index.ts';

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
