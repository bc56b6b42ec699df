import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp } from './no-store.ts';

// #region test
test('GET /api/v1/ping tells caches not to store the answer', async () => {
  const res = await request(createApp()).get('/api/v1/ping');

  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
});
// #endregion test
