import { SQLiteStore } from '@forum-lessons/session-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createApp, type AppDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db.ts';
import { createLogger } from '../src/logger.ts';
import { notice } from './api/app-under-test.ts';

// The users, the agents and the problem details are the black-box tests'
// (test/api/helpers.ts, built on makeApi()): the white-box tests share them,
// and add what only they may use: the database, the store and the log.
export { ada, admin, adminAgent, approvedAgent, grace, loggedInAgent, problemFor, sessionCookie } from './api/helpers.ts';
export { notice };

// #region make-app
/** One log entry as pino wrote it: a JSON object per line. */
export type LogEntry = Record<string, unknown> & { level: number; msg: string };

/** The settings every test app starts from; a test adds or changes some with `env`. */
export const testEnv = { NODE_ENV: 'test', ADMIN_EMAIL: 'admin@example.com' };

/**
 * A fresh app on a fresh database, closed when the test ends: in memory
 * unless `databasePath` names a file. Sessions go into the same database,
 * through a SQLiteStore on the same connection. Settings are `testEnv` and
 * `env`, read by loadConfig() as the server reads them. The log goes into
 * `logs`, one parsed entry per line, through the app's own logger (its
 * redaction included); `requests` and `errors` collect the entries of
 * finished requests and of 5xx errors.
 */
export function makeApp({ databasePath = ':memory:', env = {}, ...overrides }: Partial<AppDeps> & { databasePath?: string; env?: Record<string, string> } = {}) {
  const config = loadConfig({ ...testEnv, ...env });
  const logs: LogEntry[] = [];
  const requests: LogEntry[] = [];
  const errors: LogEntry[] = [];
  const logger = createLogger(config, {
    write: (line: string) => {
      const entry = JSON.parse(line) as LogEntry;
      logs.push(entry);
      if ('responseTime' in entry) requests.push(entry);
      if (entry.msg === 'request failed') errors.push(entry);
    },
  });
  const db = openDatabase(databasePath);
  const store = new SQLiteStore({ db });
  onTestFinished(() => {
    store.close();
    db.close();
  });
  const app = createApp({ config, db, sessionStore: store, logger, readNotice: async () => notice, ...overrides });
  return { app, db, store, logs, requests, errors };
}
// #endregion make-app

/** A path for a database file in a folder of its own, removed when the test ends. */
export function tempDatabasePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forum-test-'));
  onTestFinished(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return join(dir, 'forum.db');
}
