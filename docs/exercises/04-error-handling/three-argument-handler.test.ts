import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp, createFixedApp } from './three-argument-handler.ts';

test('a three-argument error handler is never called for an error', async () => {
  const res = await request(createApp()).get('/boom');

  expect(res.status).toBe(500);
  // Express's default HTML page answered, not the handler's JSON.
  expect(res.headers['content-type']).toMatch(/^text\/html/);
});

test('with four arguments, the handler answers', async () => {
  const res = await request(createFixedApp()).get('/boom');

  expect(res.status).toBe(500);
  expect(res.body).toEqual({ error: 'Something went wrong on our side.' });
});
