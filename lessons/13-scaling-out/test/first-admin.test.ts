// What a client sees of the first admin is tested in lesson 11's
// test/api/first-admin.test.ts, run against this lesson; these tests set a
// config without ADMIN_EMAIL, or call ensureFirstAdmin() and loadConfig()
// themselves. test/services/accounts.test.ts has the same rule without SQLite.
import request from 'supertest';
import { expect, test } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { admin, makeApp } from './helpers.ts';

test('without ADMIN_EMAIL nobody becomes an admin by registering', async () => {
  const { app } = makeApp({ config: loadConfig({ NODE_ENV: 'test' }) });

  const res = await request(app).post('/api/v1/auth/register').send(admin);

  expect(res.body).toMatchObject({ status: 'pending', role: 'member' });
});

// #region ensure-admin-test
test('ensureFirstAdmin() promotes the existing account of ADMIN_EMAIL once, and touches no other', async () => {
  const { db, services } = makeApp({ env: { ADMIN_EMAIL: 'ada@example.com' } });
  const insert = db.prepare("INSERT INTO users (username, email, created_at) VALUES (?, ?, 'now')");
  insert.run('ada', 'ada@example.com');
  insert.run('grace', 'grace@example.com');

  expect(await services.accounts.ensureFirstAdmin()).toBe('promoted');
  expect(await services.accounts.ensureFirstAdmin()).toBe('already admin');
  expect(db.prepare('SELECT username, status, role FROM users ORDER BY id').all()).toEqual([
    { username: 'ada', status: 'approved', role: 'admin' },
    { username: 'grace', status: 'pending', role: 'member' },
  ]);
});

test('ensureFirstAdmin() reports an ADMIN_EMAIL nobody has registered, and does nothing without one', async () => {
  expect(await makeApp().services.accounts.ensureFirstAdmin()).toBe('not registered');
  expect(await makeApp({ config: loadConfig({ NODE_ENV: 'test' }) }).services.accounts.ensureFirstAdmin()).toBeUndefined();
});
// #endregion ensure-admin-test

test.each(['not an email', 'admin@', ''])('ADMIN_EMAIL=%j is refused, naming the setting', (value) => {
  expect(() => loadConfig({ ADMIN_EMAIL: value })).toThrow(`ADMIN_EMAIL must be an email address, got ${JSON.stringify(value)}`);
});

test('ADMIN_EMAIL is trimmed and lowercased, as registered emails are', () => {
  expect(loadConfig({ ADMIN_EMAIL: ' Admin@Example.COM ' }).adminEmail).toBe('admin@example.com');
  expect(loadConfig({}).adminEmail).toBeUndefined();
});
