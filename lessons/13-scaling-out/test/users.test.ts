// What a client sees of the users routes is tested in ../11-production/test/api/users.test.ts;
// this test reads the request log.
import request from 'supertest';
import { expect, test } from 'vitest';
import { adminAgent, makeApp } from './helpers.ts';

test('every request is logged with its full path', async () => {
  const { app, requests } = makeApp();
  const admin = await adminAgent(app);

  await admin.get('/api/v1/users/1');
  await request(app).get('/api/v1/users');

  expect(requests.map((entry) => entry.msg)).toEqual([
    'POST /api/v1/auth/register 201',
    'POST /api/v1/auth/login 200',
    'GET /api/v1/users/1 200',
    'GET /api/v1/users 401',
  ]);
});
