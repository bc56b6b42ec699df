import createError from 'http-errors';
import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp, NotFoundError } from './error-classes.ts';

test('the first try gets its status, but its message stays on the server', async () => {
  const res = await request(createApp()).get('/first-try');

  expect(res.status).toBe(404);
  expect(res.body.detail).toBe('The requested resource was not found');
});

test('the complete class and http-errors give the same answer', async () => {
  const complete = await request(createApp()).get('/complete');
  const fromLibrary = await request(createApp()).get('/http-errors');

  expect(complete.status).toBe(404);
  expect(complete.body.detail).toBe('User 7 not found');
  expect({ ...complete.body, instance: '' }).toEqual({ ...fromLibrary.body, instance: '' });
});

test('http-errors has a class per status too, for instanceof checks', () => {
  const error = createError(404, 'User 7 not found');

  expect(error).toBeInstanceOf(createError.NotFound);
  expect(error).toBeInstanceOf(createError.HttpError);
  expect(new NotFoundError('x')).not.toBeInstanceOf(createError.HttpError);
  expect(createError.isHttpError(new NotFoundError('x'))).toBe(true);
});
