import request from 'supertest';
import { expect, test } from 'vitest';
import { ada, grace, loggedInAgent, makeApp, problemFor } from './helpers.ts';

function invalid(instance: string, errors: Array<{ path: string; message: string; location: string }>) {
  return { ...problemFor(400, 'Bad Request', 'Request validation failed', instance), errors };
}

// #region requires-login-test
test.each(['/api/v1/users', '/api/v1/users/1', '/api/v1/users/abc', '/api/v1/users?limit=0'])(
  'GET %s answers 401 without a login, before any other check',
  async (path) => {
    const { app } = makeApp();
    await request(app).post('/api/v1/auth/register').send(ada);

    const res = await request(app).get(path);

    expect(res.status).toBe(401);
    expect(res.body).toEqual(problemFor(401, 'Unauthorized', 'You must be logged in', path.split('?')[0]!));
  },
);
// #endregion requires-login-test

test('POST /api/v1/users is gone: accounts are made by POST /api/v1/auth/register', async () => {
  const { app } = makeApp();
  const agent = await loggedInAgent(app);

  const res = await agent.post('/api/v1/users').send({ username: 'grace', email: 'grace@example.com' });

  expect(res.status).toBe(404);
});

// #region email-privacy-test
test('GET /api/v1/users lists the users, with only the caller\'s own email and no password hash in sight', async () => {
  const { app } = makeApp();
  await request(app).post('/api/v1/auth/register').send(grace);
  const agent = await loggedInAgent(app, ada);

  const res = await agent.get('/api/v1/users');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    users: [
      { id: 1, username: 'grace', createdAt: expect.any(String) },
      { id: 2, username: 'ada', email: 'ada@example.com', createdAt: expect.any(String) },
    ],
    total: 2,
    limit: 20,
    offset: 0,
  });
  expect(res.text).not.toContain('grace@example.com');
  expect(res.text).not.toMatch(/password|scrypt/i);
});
// #endregion email-privacy-test

test('GET /api/v1/users?limit=&offset= answers one page, with the total', async () => {
  const { app } = makeApp();
  await request(app).post('/api/v1/auth/register').send(grace);
  const agent = await loggedInAgent(app, ada);

  const res = await agent.get('/api/v1/users?limit=1&offset=1');

  expect(res.body.users.map((user: { username: string }) => user.username)).toEqual(['ada']);
  expect(res.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
});

test.each([
  ['limit=0', 'limit', 'must be a whole number from 1 to 100'],
  ['limit=abc', 'limit', 'must be a whole number from 1 to 100'],
  ['offset=-1', 'offset', 'must be a whole number, at least 0'],
])('GET /api/v1/users?%s answers 400 naming %s once logged in', async (query, path, message) => {
  const agent = await loggedInAgent(makeApp().app);

  const res = await agent.get(`/api/v1/users?${query}`);

  expect(res.status).toBe(400);
  expect(res.body).toEqual(invalid('/api/v1/users', [{ path, message, location: 'query' }]));
});

test('GET /api/v1/users/:id answers another user without their email', async () => {
  const { app } = makeApp();
  const agent = await loggedInAgent(app);
  await request(app).post('/api/v1/auth/register').send(grace);

  const res = await agent.get('/api/v1/users/2');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ id: 2, username: 'grace', createdAt: expect.any(String) });
});

test('GET /api/v1/users/:id answers your own record with your email', async () => {
  const agent = await loggedInAgent(makeApp().app);

  const res = await agent.get('/api/v1/users/1');

  expect(res.body).toEqual({ id: 1, username: 'ada', email: 'ada@example.com', createdAt: expect.any(String) });
});

test('answers about users are never cached: Cache-Control no-store, the 401 included', async () => {
  const { app } = makeApp();
  const agent = await loggedInAgent(app);

  expect((await agent.get('/api/v1/users')).headers['cache-control']).toBe('no-store');
  expect((await agent.get('/api/v1/users/1')).headers['cache-control']).toBe('no-store');
  expect((await request(app).get('/api/v1/users')).headers['cache-control']).toBe('no-store');
});

test('GET /api/v1/users/:id answers 404 for an id no user has', async () => {
  const agent = await loggedInAgent(makeApp().app);

  const res = await agent.get('/api/v1/users/42');

  expect(res.status).toBe(404);
  expect(res.body).toEqual(problemFor(404, 'Not Found', 'User not found', '/api/v1/users/42'));
});

test.each(['abc', '0', '-1', '1.5', '1e3'])('GET /api/v1/users/%s answers 400 naming id once logged in', async (id) => {
  const agent = await loggedInAgent(makeApp().app);

  const res = await agent.get(`/api/v1/users/${id}`);

  expect(res.status).toBe(400);
  expect(res.body).toEqual(
    invalid(`/api/v1/users/${id}`, [{ path: 'id', message: 'must be a positive whole number', location: 'params' }]),
  );
});

test('after logout the users routes answer 401 again', async () => {
  const agent = await loggedInAgent(makeApp().app);
  await agent.post('/api/v1/auth/logout');

  expect((await agent.get('/api/v1/users')).status).toBe(401);
});

test('every request is logged with its full path', async () => {
  const { app, lines } = makeApp();
  const agent = await loggedInAgent(app);

  await agent.get('/api/v1/users/1');
  await request(app).get('/api/v1/users');

  expect(lines).toEqual([
    expect.stringMatching(/^POST \/api\/v1\/auth\/register 201 .* id=/),
    expect.stringMatching(/^POST \/api\/v1\/auth\/login 200 .* id=/),
    expect.stringMatching(/^GET \/api\/v1\/users\/1 200 .* id=/),
    expect.stringMatching(/^GET \/api\/v1\/users 401 .* id=/),
  ]);
});
