// What a client sees of the first admin is tested in
// test/api/first-admin.test.ts; these tests set a config without ADMIN_EMAIL,
// or call ensureAdmin() and loadConfig() themselves.
import request from 'supertest';
import { expect, test } from 'vitest';
import { ensureAdmin } from '../src/admin.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db.ts';
import { admin, makeApp } from './helpers.ts';

test('without ADMIN_EMAIL nobody becomes an admin by registering', async () => {
  const { app } = makeApp({ config: loadConfig({ NODE_ENV: 'test' }) });

  const res = await request(app).post('/api/v1/auth/register').send(admin);

  expect(res.body).toMatchObject({ status: 'pending', role: 'member' });
});

// #region ensure-admin-test
test('ensureAdmin() promotes an existing account once, and touches no other', () => {
  const db = openDatabase(':memory:');
  const insert = db.prepare("INSERT INTO users (username, email, created_at) VALUES (?, ?, 'now')");
  insert.run('ada', 'ada@example.com');
  insert.run('grace', 'grace@example.com');

  expect(ensureAdmin(db, 'nobody@example.com')).toBe('not registered');
  expect(ensureAdmin(db, 'ada@example.com')).toBe('promoted');
  expect(ensureAdmin(db, 'ada@example.com')).toBe('already admin');
  expect(db.prepare('SELECT username, status, role FROM users ORDER BY id').all()).toEqual([
    { username: 'ada', status: 'approved', role: 'admin' },
    { username: 'grace', status: 'pending', role: 'member' },
  ]);
  db.close();
});
// #endregion ensure-admin-test

test.each(['not an email', 'admin@', ''])('ADMIN_EMAIL=%j is refused, naming the setting', (value) => {
  expect(() => loadConfig({ ADMIN_EMAIL: value })).toThrow(`ADMIN_EMAIL must be an email address, got ${JSON.stringify(value)}`);
});

test('ADMIN_EMAIL is trimmed and lowercased, as registered emails are', () => {
  expect(loadConfig({ ADMIN_EMAIL: ' Admin@Example.COM ' }).adminEmail).toBe('admin@example.com');
  expect(loadConfig({}).adminEmail).toBeUndefined();
});
