import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp } from './json-not-found.ts';

test('an unknown path answers 404 problem details', async () => {
  const res = await request(createApp()).get('/api/v1/nope?page=2');

  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual({
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: 'Nothing answers GET /api/v1/nope.',
    instance: '/api/v1/nope',
  });
});

test('known routes still answer', async () => {
  const res = await request(createApp()).get('/health');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'ok' });
});
