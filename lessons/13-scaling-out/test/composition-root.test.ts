// createApp(config) opens what the settings name and close() closes it; the
// services it returns are the ones the routes use.
import Database from 'better-sqlite3';
import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { ada, notice, tempDatabasePath } from './helpers.ts';

function settings(env: Record<string, string>) {
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  return { config, logger: createLogger(config, { write: () => {} }) };
}

// #region wiring-test
test('createApp(config) opens DATABASE_PATH, and close() closes the store and the database', async () => {
  const path = tempDatabasePath();
  const { config, logger } = settings({ DATABASE_PATH: path });
  const forum = createApp(config, { logger, readNotice: async () => notice });

  await request(forum.app).post('/api/v1/auth/register').send(ada).expect(201);
  expect(await forum.services.users.get(1)).toMatchObject({ username: 'ada' });
  forum.close();

  // The user is in the file, and the file is free again.
  const db = new Database(path);
  expect(db.prepare('SELECT username FROM users').pluck().all()).toEqual(['ada']);
  db.close();
});
// #endregion wiring-test

test('SESSION_STORE=memory keeps sessions out of the database', async () => {
  const path = tempDatabasePath();
  const { config, logger } = settings({ DATABASE_PATH: path, SESSION_STORE: 'memory' });
  const forum = createApp(config, { logger, readNotice: async () => notice });

  await request(forum.app).get('/api/v1/session').expect(200);
  forum.close();

  const db = new Database(path);
  expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sessions'").pluck().get()).toBe(0);
  db.close();
});

test('a DATABASE_PATH SQLite cannot open is an error that names the setting', () => {
  const { config, logger } = settings({});
  expect(() => createApp({ ...config, databasePath: '/' }, { logger })).toThrow(/^DATABASE_PATH: could not open \/: /);
});
