import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp } from './hello-name.ts';

test('GET /api/v1/hello/Ada answers a greeting', async () => {
  const res = await request(createApp()).get('/api/v1/hello/Ada');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ message: 'Hello, Ada!' });
});

test('the parameter arrives decoded', async () => {
  const res = await request(createApp()).get('/api/v1/hello/Ada%20Lovelace');

  expect(res.body).toEqual({ message: 'Hello, Ada Lovelace!' });
});

test('the route needs a name', async () => {
  const res = await request(createApp()).get('/api/v1/hello/');

  expect(res.status).toBe(404);
});
