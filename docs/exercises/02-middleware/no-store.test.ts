import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp } from './no-store.ts';

test('API answers carry Cache-Control: no-store', async () => {
  const res = await request(createApp()).get('/api/v1/ping');

  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
});

test('paths outside /api do not', async () => {
  const res = await request(createApp()).get('/health');

  expect(res.headers['cache-control']).toBeUndefined();
});

test('a path that only starts with the same letters is not under /api', async () => {
  const res = await request(createApp()).get('/apiary');

  expect(res.status).toBe(404);
  expect(res.headers['cache-control']).toBeUndefined();
});
