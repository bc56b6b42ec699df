import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { ada, admin, loggedInAgent } from './helpers.ts';

// #region first-admin-test
test('the account registered with ADMIN_EMAIL, in any letter case, is an approved admin', async () => {
  const { app } = makeApi();

  const res = await request(app)
    .post('/api/v1/auth/register')
    .send({ ...admin, email: ' Admin@Example.COM ' });

  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ email: 'admin@example.com', status: 'approved', role: 'admin' });
});

test('everyone else registers as a pending member', async () => {
  const res = await request(makeApi().app).post('/api/v1/auth/register').send(ada);

  expect(res.body).toMatchObject({ status: 'pending', role: 'member' });
});
// #endregion first-admin-test

test('GET /api/v1/auth/me shows the caller\'s status and role', async () => {
  const agent = await loggedInAgent(makeApi().app);

  const res = await agent.get('/api/v1/auth/me');

  expect(res.body).toEqual({
    id: 1,
    username: 'ada',
    email: 'ada@example.com',
    status: 'pending',
    role: 'member',
    createdAt: expect.any(String),
  });
});
