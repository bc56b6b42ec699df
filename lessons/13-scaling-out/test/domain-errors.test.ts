// One mapping turns the services' domain errors into problem details, and
// leaves every other error to the error handler as it was.
import { errorHandler } from '@forum-lessons/error-handler';
import express from 'express';
import request from 'supertest';
import { expect, test } from 'vitest';
import { AuthenticationError, ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../src/domain/errors.ts';
import { domainErrors } from '../src/http/domain-errors.ts';

/** An app whose one route throws `error`, with the API's end of the chain. */
function throwing(error: unknown, logged: unknown[] = []) {
  const app = express();
  app.get('/thing', () => {
    throw error;
  });
  app.use(domainErrors());
  app.use(errorHandler({ log: (entry) => logged.push(entry.error) }));
  return app;
}

// #region mapping-test
test.each([
  [new AuthenticationError('Email or password is incorrect'), 401, 'Unauthorized'],
  [new ForbiddenError('Only the author of this post or an admin may change it'), 403, 'Forbidden'],
  [new NotFoundError('Post not found'), 404, 'Not Found'],
  [new ConflictError('email is already taken'), 409, 'Conflict'],
])('%s answers %i in problem details, with the message as the detail', async (error, status, title) => {
  const res = await request(throwing(error)).get('/thing');

  expect(res.status).toBe(status);
  expect(res.type).toBe('application/problem+json');
  expect(res.body).toEqual({ type: 'about:blank', title, status, detail: error.message, instance: '/thing' });
});
// #endregion mapping-test

test('a ValidationError answers 400 with an errors entry per field, as validate() does', async () => {
  const res = await request(throwing(new ValidationError([{ field: 'password', message: 'is too easy to guess' }]))).get('/thing');

  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({
    detail: 'Request validation failed',
    errors: [{ path: 'password', message: 'is too easy to guess', location: 'body' }],
  });
});

test('a domain error of no known kind is a 500 whose message stays in the log', async () => {
  const logged: unknown[] = [];
  const error = new DomainError('the rules contradict each other');

  const res = await request(throwing(error, logged)).get('/thing');

  expect(res.status).toBe(500);
  expect(res.body.detail).toBe('Something went wrong on our side.');
  expect(logged).toEqual([error]);
});
