// The settings lesson 13 adds: which servers, checked before anything starts.
import { expect, test } from 'vitest';
import { loadConfig, withoutPassword } from '../src/config.ts';

test('without DATABASE_URL and REDIS_URL, the lesson runs on SQLite as lesson 12 did', () => {
  const config = loadConfig({});

  expect(config).toMatchObject({ databaseUrl: undefined, redisUrl: undefined, sessionStore: 'sqlite', redisKeyPrefix: 'forum:' });
});

test('REDIS_URL moves the sessions to Redis unless SESSION_STORE says otherwise', () => {
  expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).sessionStore).toBe('redis');
  expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', SESSION_STORE: 'sqlite' }).sessionStore).toBe('sqlite');
});

test.each([
  ['DATABASE_URL', 'mysql://db/forum', 'DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/database, got "mysql://db/forum"'],
  ['DATABASE_URL', 'localhost:5432', 'DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/database, got "localhost:5432"'],
  ['REDIS_URL', 'http://cache:6379', 'REDIS_URL must be a Redis URL like redis://host:6379 or rediss://host:6380, got "http://cache:6379"'],
  ['REDIS_KEY_PREFIX', 'forum prefix', 'REDIS_KEY_PREFIX must be 1 to 64 letters, digits or . _ : -, got "forum prefix"'],
  ['SESSION_STORE', 'redis', 'SESSION_STORE is redis, but REDIS_URL is not set: set REDIS_URL to the Redis server'],
])('%s=%j is refused with a message naming the setting', (name, value, message) => {
  expect(() => loadConfig({ [name]: value })).toThrow(`Invalid configuration:\n  - ${message}`);
});

// #region password-test
test('a password in a bad URL is not printed: the error shows *** in its place', () => {
  expect(() => loadConfig({ DATABASE_URL: 'mysql://forum:hunter2@db/forum' })).toThrow('got "mysql://forum:***@db/forum"');
  expect(() => loadConfig({ DATABASE_URL: 'mysql://forum:hunter2@db/forum' })).not.toThrow(/hunter2/);
  expect(() => loadConfig({ REDIS_URL: 'http://:hunter2@cache' })).not.toThrow(/hunter2/);
});
// #endregion password-test

test('withoutPassword hides only the password', () => {
  expect(withoutPassword('postgres://forum:s3cret@db.internal:5432/forum?sslmode=require')).toBe('postgres://forum:***@db.internal:5432/forum?sslmode=require');
  expect(withoutPassword('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  expect(withoutPassword('not a url, user:pw@host')).toBe('not a url, user:***@host');
});

test('production accepts Redis for sessions, and still refuses memory', () => {
  const production = { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-at-least-32-chars' };

  expect(loadConfig({ ...production, REDIS_URL: 'rediss://cache:6380' }).sessionStore).toBe('redis');
  expect(() => loadConfig({ ...production, SESSION_STORE: 'memory' })).toThrow(/SESSION_STORE must be sqlite or redis in production/);
});

test('an empty DATABASE_URL or REDIS_URL (a line `REDIS_URL=` in a .env file) counts as not set', () => {
  expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' })).toMatchObject({ databaseUrl: undefined, redisUrl: undefined, sessionStore: 'sqlite' });
});
