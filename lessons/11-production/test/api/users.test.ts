import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { ada, adminAgent, approvedAgent, grace, loggedInAgent, problemFor } from './helpers.ts';

function invalid(instance: string, errors: Array<{ path: string; message: string; location: string }>) {
  return { ...problemFor(400, 'Bad Request', 'Request validation failed', instance), errors };
}

const userOf = (id: number, who: { username: string; email: string }, status: string, role = 'member') => ({
  id,
  username: who.username,
  email: who.email,
  status,
  role,
  createdAt: expect.any(String),
});

// #region requires-login-test
test.each(['/api/v1/users', '/api/v1/users/1', '/api/v1/users/abc', '/api/v1/users?limit=0'])(
  'GET %s answers 401 without a login, before any other check',
  async (path) => {
    const { app } = makeApi();
    await request(app).post('/api/v1/auth/register').send(ada);

    const res = await request(app).get(path);

    expect(res.status).toBe(401);
    expect(res.body).toEqual(problemFor(401, 'Unauthorized', 'You must be logged in', path.split('?')[0]!));
  },
);
// #endregion requires-login-test

// #region admin-only-test
test('a pending member gets 403 from every users route: waiting for approval', async () => {
  const agent = await loggedInAgent(makeApi().app);

  for (const res of [await agent.get('/api/v1/users'), await agent.get('/api/v1/users/1'), await agent.post('/api/v1/users/1/approve')]) {
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe("Your account is waiting for an administrator's approval");
  }
});

test('an approved member gets 403 too: the users routes need the admin role', async () => {
  const agent = await approvedAgent(makeApi().app);

  const res = await agent.get('/api/v1/users');

  expect(res.status).toBe(403);
  expect(res.body.detail).toBe('This action requires the admin role');
});
// #endregion admin-only-test

test('GET /api/v1/users lists every user for the admin, emails included, never a password hash', async () => {
  const { app } = makeApi();
  await request(app).post('/api/v1/auth/register').send(grace);
  const admin = await adminAgent(app);

  const res = await admin.get('/api/v1/users');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    users: [userOf(1, grace, 'pending'), userOf(2, { username: 'admin', email: 'admin@example.com' }, 'approved', 'admin')],
    total: 2,
    limit: 20,
    offset: 0,
  });
  expect(res.text).not.toMatch(/password|scrypt/i);
});

// #region pending-list-test
test('GET /api/v1/users?status=pending lists the accounts waiting for approval, with their total', async () => {
  const { app } = makeApi();
  await request(app).post('/api/v1/auth/register').send(ada);
  await request(app).post('/api/v1/auth/register').send(grace);
  const admin = await adminAgent(app);
  await admin.post('/api/v1/users/1/approve').expect(200);

  const pending = await admin.get('/api/v1/users?status=pending');
  const approved = await admin.get('/api/v1/users?status=approved&limit=1');

  expect(pending.body).toEqual({ users: [userOf(2, grace, 'pending')], total: 1, limit: 20, offset: 0 });
  expect(approved.body).toEqual({ users: [userOf(1, ada, 'approved')], total: 2, limit: 1, offset: 0 });
});
// #endregion pending-list-test

// #region approve-test
test('POST /api/v1/users/:id/approve approves the account, and the user is let in at once', async () => {
  const { app } = makeApi();
  const ada_ = await loggedInAgent(app, ada);
  const admin = await adminAgent(app);

  const res = await admin.post('/api/v1/users/1/approve');

  expect(res.status).toBe(200);
  expect(res.body).toEqual(userOf(1, ada, 'approved'));
  // Ada's session did not change: the guards load the user on every request.
  expect((await ada_.get('/api/v1/auth/me')).body.status).toBe('approved');
});

test('approving twice answers the same: the request is idempotent', async () => {
  const { app } = makeApi();
  await request(app).post('/api/v1/auth/register').send(ada);
  const admin = await adminAgent(app);

  const first = await admin.post('/api/v1/users/1/approve');
  const second = await admin.post('/api/v1/users/1/approve');

  expect(second.status).toBe(200);
  expect(second.body).toEqual(first.body);
});
// #endregion approve-test

test('POST /api/v1/users/:id/approve answers 404 for an id no user has', async () => {
  const admin = await adminAgent(makeApi().app);

  const res = await admin.post('/api/v1/users/42/approve');

  expect(res.status).toBe(404);
  expect(res.body).toEqual(problemFor(404, 'Not Found', 'User not found', '/api/v1/users/42/approve'));
});

test('POST /api/v1/users is gone: accounts are made by POST /api/v1/auth/register', async () => {
  const admin = await adminAgent(makeApi().app);

  const res = await admin.post('/api/v1/users').send({ username: 'grace', email: 'grace@example.com' });

  expect(res.status).toBe(404);
});

test.each([
  ['limit=0', 'limit', 'must be a whole number from 1 to 100'],
  ['limit=abc', 'limit', 'must be a whole number from 1 to 100'],
  ['offset=-1', 'offset', 'must be a whole number, at least 0'],
  ['status=banned', 'status', 'must be pending or approved'],
])('GET /api/v1/users?%s answers 400 naming %s', async (query, path, message) => {
  const admin = await adminAgent(makeApi().app);

  const res = await admin.get(`/api/v1/users?${query}`);

  expect(res.status).toBe(400);
  expect(res.body).toEqual(invalid('/api/v1/users', [{ path, message, location: 'query' }]));
});

test('GET /api/v1/users/:id answers the user, email included', async () => {
  const { app } = makeApi();
  await request(app).post('/api/v1/auth/register').send(grace);
  const admin = await adminAgent(app);

  const res = await admin.get('/api/v1/users/1');

  expect(res.status).toBe(200);
  expect(res.body).toEqual(userOf(1, grace, 'pending'));
});

test('GET /api/v1/users/:id answers 404 for an id no user has', async () => {
  const admin = await adminAgent(makeApi().app);

  const res = await admin.get('/api/v1/users/42');

  expect(res.status).toBe(404);
  expect(res.body).toEqual(problemFor(404, 'Not Found', 'User not found', '/api/v1/users/42'));
});

test.each(['abc', '0', '-1', '1.5', '1e3'])('GET /api/v1/users/%s and POST …/approve answer 400 naming id', async (id) => {
  const admin = await adminAgent(makeApi().app);

  for (const res of [await admin.get(`/api/v1/users/${id}`), await admin.post(`/api/v1/users/${id}/approve`)]) {
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'id', message: 'must be a positive whole number', location: 'params' }]);
  }
});

test('answers about users are never cached: Cache-Control no-store, the 401 and 403 included', async () => {
  const { app } = makeApi();
  const admin = await adminAgent(app);
  const pending = await loggedInAgent(app, ada);

  expect((await admin.get('/api/v1/users')).headers['cache-control']).toBe('no-store');
  expect((await admin.get('/api/v1/users/1')).headers['cache-control']).toBe('no-store');
  expect((await pending.get('/api/v1/users')).headers['cache-control']).toBe('no-store');
  expect((await request(app).get('/api/v1/users')).headers['cache-control']).toBe('no-store');
});

test('after logout the users routes answer 401 again', async () => {
  const admin = await adminAgent(makeApi().app);
  await admin.post('/api/v1/auth/logout');

  expect((await admin.get('/api/v1/users')).status).toBe(401);
});
