// What a client sees of usernames, passwords and Cache-Control is tested in
// ../11-production/test/api/identity.test.ts; these tests look in the database or fill it
// themselves.
import Database from 'better-sqlite3';
import request from 'supertest';
import { expect, test } from 'vitest';
import { hashPassword } from '../src/auth/password.ts';
import { openDatabase } from '../src/db.ts';
import { makeApp, tempDatabasePath } from './helpers.ts';

const invalidPassword = (message: string) => ({
  title: 'Bad Request',
  status: 400,
  detail: 'Request validation failed',
  errors: [{ path: 'password', message, location: 'body' }],
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
