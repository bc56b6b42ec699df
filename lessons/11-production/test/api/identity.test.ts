import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { ada, loggedInAgent } from './helpers.ts';

// #region username-case-test
test('a username is taken whatever its letter case: BOB after bob is a 409', async () => {
  const { app } = makeApi();
  await request(app).post('/api/v1/auth/register').send({ ...ada, username: 'bob' }).expect(201);

  const res = await request(app)
    .post('/api/v1/auth/register')
    .send({ username: 'BOB', email: 'other@example.com', password: 'a different long passphrase' });

  expect(res.status).toBe(409);
  expect(res.body.detail).toBe('username is already taken');
});
// #endregion username-case-test

test('the username keeps the letter case it was registered with', async () => {
  const { app } = makeApi();

  const res = await request(app).post('/api/v1/auth/register').send({ ...ada, username: 'AdaLovelace' });

  expect(res.body.username).toBe('AdaLovelace');
});

test.each(['correct horse battery staple', 'Tr0ub4dor&3 is not enough?', 'a new passphrase for 2026'])(
  'register accepts a password that is hard to guess: %j',
  async (password) => {
    const res = await request(makeApi().app).post('/api/v1/auth/register').send({ ...ada, password });

    expect(res.status).toBe(201);
  },
);

// #region no-store-test
test('every auth answer carries Cache-Control: no-store, errors included', async () => {
  const { app } = makeApi();
  const agent = await loggedInAgent(app);

  expect((await agent.get('/api/v1/auth/me')).headers['cache-control']).toBe('no-store');
  expect((await request(app).get('/api/v1/auth/me')).headers['cache-control']).toBe('no-store');
  expect((await request(app).post('/api/v1/auth/login').send({ email: 'x@example.com', password: 'x' })).headers['cache-control']).toBe(
    'no-store',
  );
  expect((await request(app).post('/api/v1/auth/register').send({})).headers['cache-control']).toBe('no-store');
  // Public answers may still be cached.
  expect((await request(app).get('/health')).headers['cache-control']).toBeUndefined();
});
// #endregion no-store-test
