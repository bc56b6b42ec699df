import express from 'express';
import request from 'supertest';
import { expect, test } from 'vitest';
import { requestId, requestLogger, requireApproved, requireRole, requireUser, validate } from '../src/index.ts';

// Every factory checks its options when it is called, so a mistake shows up
// when the app is built, with a message that names the option.
test.each([
  [() => requestId({ header: 'X Request Id' }), 'requestId(): option "header" must be a header name such as "X-Request-Id", got a string ("X Request Id")'],
  [() => requestId({ header: '' }), 'requestId(): option "header" must be a header name such as "X-Request-Id", got a string ("")'],
  [() => requestId({ generate: 'uuid' as never }), 'requestId(): option "generate" must be a function (req) => string, got a string ("uuid")'],
  [() => requestId({ trustIncoming: 'no' as never }), 'requestId(): option "trustIncoming" must be a boolean, got a string ("no")'],
  [() => requestId({ headers: 'x' } as never), 'requestId(): unknown option "headers" (known options: header, generate, trustIncoming)'],
  [() => requestLogger({ log: process.stdout as never }), 'requestLogger(): option "log" must be a function (line, entry) => void, got an object'],
  [() => requestLogger({ format: 'combined' as never }), 'requestLogger(): option "format" must be a function (entry) => string, got a string ("combined")'],
  [() => requestLogger({ skip: true as never }), 'requestLogger(): option "skip" must be a function (req, res) => boolean, got a boolean (true)'],
  [() => requestLogger({ enabled: 0 as never }), 'requestLogger(): option "enabled" must be a boolean, got a number (0)'],
  [() => requestLogger(null as never), 'requestLogger(): options must be an object, got null'],
  [() => requireUser(undefined as never), 'requireUser(): option "loadUser" is required: requireUser({ loadUser: (id, req) => user })'],
  [() => requireUser({} as never), 'requireUser(): option "loadUser" must be a function (id, req) => user, got undefined'],
  [() => requireUser({ loadUser: () => undefined, sessionKey: '' }), 'requireUser(): option "sessionKey" must be a non-empty string, got a string ("")'],
  [() => requireUser({ loadUser: () => undefined, userId: 'id' } as never), 'requireUser(): unknown option "userId" (known options: loadUser, sessionKey)'],
  [() => requireApproved({ approvedStatus: 1 as never }), 'requireApproved(): option "approvedStatus" must be a non-empty string, got a number (1)'],
  [() => requireApproved('admin' as never), 'requireApproved(): options must be an object, got a string ("admin")'],
  [() => requireRole(''), 'requireRole(): role must be a non-empty string or a non-empty array of them, got a string ("")'],
  [() => requireRole([]), 'requireRole(): role must be a non-empty string or a non-empty array of them, got an array'],
  [() => requireRole(undefined as never), 'requireRole(): role must be a non-empty string or a non-empty array of them, got undefined'],
  [() => validate({}), 'validate(): give at least one of body, query, params, e.g. validate({ body: schema })'],
  [() => validate(undefined as never), 'validate(): give at least one of body, query, params, e.g. validate({ body: schema })'],
  [() => validate({ body: { type: 'object' } } as never), 'validate(): option "body" must be a schema with safeParse (e.g. zod) or a parse function (input) => value, got an object'],
  [() => validate({ headers: () => 1 } as never), 'validate(): unknown option "headers" (known options: params, query, body)'],
])('%#: a bad option throws a TypeError naming it', (make, message) => {
  expect(make).toThrow(new TypeError(message));
});

test('the messages describe undefined as undefined', () => {
  expect(() => requestId({ generate: undefined })).not.toThrow();
});

test.each([
  ['requestId', requestId, 'requestId() is a factory: write app.use(requestId()), not app.use(requestId)'],
  ['requestLogger', requestLogger, 'requestLogger() is a factory: write app.use(requestLogger()), not app.use(requestLogger)'],
  ['requireApproved', requireApproved, 'requireApproved() is a factory: write app.use(requireApproved()), not app.use(requireApproved)'],
  ['requireRole', requireRole, "requireRole() is a factory: write requireRole('admin'), not requireRole"],
])('app.use(%s) without the call is caught and explained', async (_name, factory, message) => {
  const app = express();
  app.use(factory as unknown as express.RequestHandler);
  let caught: unknown;
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    caught = err;
    res.status(500).end();
  });

  await request(app).get('/');

  expect(caught).toEqual(new TypeError(message));
});
