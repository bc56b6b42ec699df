import Database from 'better-sqlite3';
import request from 'supertest';
import { expect, test } from 'vitest';
import { hashPassword } from '../src/auth/password.ts';
import { openDatabase } from '../src/db.ts';
import { ada, loggedInAgent, makeApp, tempDatabasePath } from './helpers.ts';

const invalidPassword = (message: string) => ({
  title: 'Bad Request',
  status: 400,
  detail: 'Request validation failed',
  errors: [{ path: 'password', message, location: 'body' }],
});

// #region username-case-test
test('a username is taken whatever its letter case: BOB after bob is a 409', async () => {
  const { app } = makeApp();
  await request(app).post('/api/v1/auth/register').send({ ...ada, username: 'bob' }).expect(201);

  const res = await request(app)
    .post('/api/v1/auth/register')
    .send({ username: 'BOB', email: 'other@example.com', password: 'a different long passphrase' });

  expect(res.status).toBe(409);
  expect(res.body.detail).toBe('username is already taken');
});
// #endregion username-case-test

test('the username keeps the letter case it was registered with', async () => {
  const { app } = makeApp();

  const res = await request(app).post('/api/v1/auth/register').send({ ...ada, username: 'AdaLovelace' });

  expect(res.body.username).toBe('AdaLovelace');
});

// #region password-policy-test
test.each([
  ['12345678', 'is too easy to guess'],
  ['password', 'is too easy to guess'],
  ['        ', 'is too easy to guess'],
  ['qwertyuiop', 'is too easy to guess'],
  ['iloveyou123', 'is too easy to guess'],
  ['ada-the-great-2024', 'must not contain your username'],
  ['my ADA LOVELACE passphrase', 'must not contain your username'],
  ['lovelace.countess@example.com!', 'must not contain your email address'],
])('register refuses the password %j: it %s', async (password, message) => {
  const { app, db } = makeApp();
  const account = { username: 'ada', email: 'lovelace.countess@example.com', password };

  const res = await request(app).post('/api/v1/auth/register').send(account);

  expect(res.status).toBe(400);
  expect(res.body).toMatchObject(invalidPassword(expect.stringContaining(message) as unknown as string));
  // The password itself is never repeated back: no `value` in the entry.
  expect(Object.keys(res.body.errors[0]).sort()).toEqual(['location', 'message', 'path']);
  expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
});
// #endregion password-policy-test

test.each(['correct horse battery staple', 'Tr0ub4dor&3 is not enough?', 'a new passphrase for 2026'])(
  'register accepts a password that is hard to guess: %j',
  async (password) => {
    const res = await request(makeApp().app).post('/api/v1/auth/register').send({ ...ada, password });

    expect(res.status).toBe(201);
  },
);

test('an account made before the password rules can still log in with its weak password', async () => {
  const { app, db } = makeApp();
  db.prepare("INSERT INTO users (username, email, password_hash, created_at) VALUES (?, ?, ?, '2025-01-01T00:00:00.000Z')").run(
    'old',
    'old@example.com',
    await hashPassword('12345678'),
  );

  const res = await request(app).post('/api/v1/auth/login').send({ email: 'old@example.com', password: '12345678' });

  expect(res.status).toBe(200);
});

// #region no-store-test
test('every auth answer carries Cache-Control: no-store, errors included', async () => {
  const { app } = makeApp();
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

test('a database that already holds bob and BOB refuses to start rather than pick one, and loses neither', () => {
  const path = tempDatabasePath();
  const db = openDatabase(path);
  db.exec('DROP INDEX users_username_nocase; PRAGMA user_version = 2');
  const insert = db.prepare("INSERT INTO users (username, email, created_at) VALUES (?, ?, '2025-01-01T00:00:00.000Z')");
  insert.run('bob', 'bob@example.com');
  insert.run('BOB', 'bob2@example.com');
  db.close();

  expect(() => openDatabase(path)).toThrow(/^Schema step 3 of \d failed: UNIQUE constraint failed: users.username$/);

  const again = new Database(path, { readonly: true });
  expect(again.prepare('SELECT username FROM users ORDER BY id').pluck().all()).toEqual(['bob', 'BOB']);
  expect(again.pragma('user_version', { simple: true })).toBe(2);
  again.close();
});
