// The black-box API tests: the one file in test/api/ that knows how the app
// is built.
//
// Every other file in test/api/ talks to the forum only as a client would:
// it builds an app with makeApi(env) and sends HTTP through supertest. They
// import nothing but 'vitest', 'supertest', node: modules, '#api-under-test'
// (this file, named in package.json's "imports") and each other: no src/, no
// database handle, no session store, no log, no injected clock. So they pin
// what a client sees (statuses, bodies, headers, cookies, pages, order) and
// nothing of how the code is arranged.
//
// Lesson 12 refactors this API into layers and runs these files, byte for
// byte, against its own app: its '#api-under-test' is a file like this one
// that builds lesson 12's app. A test that needs to look inside the app
// belongs in test/, next to this folder, not here.
import { SQLiteStore } from '@forum-lessons/session-store';
import type { Express } from 'express';
import { onTestFinished } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db.ts';
import { createLogger } from '../../src/logger.ts';
import type { Notice } from '../../src/notice.ts';

/** What GET /api/v1/notice answers in every app makeApi() builds. */
export const notice: Notice = { message: 'Welcome to the forum.', updatedAt: '2025-01-01T00:00:00.000Z' };

/** A fresh forum on a fresh in-memory database, with NODE_ENV=test, ADMIN_EMAIL=admin@example.com and `env` on top; everything it opened is closed when the test ends (onTestFinished). */
export function makeApi(env: Record<string, string> = {}): { app: Express } {
  const config = loadConfig({ NODE_ENV: 'test', ADMIN_EMAIL: 'admin@example.com', ...env });
  // The tests read answers, not logs: the lines are written nowhere.
  const logger = createLogger(config, { write: () => {} });
  const db = openDatabase(':memory:');
  const sessionStore = new SQLiteStore({ db });
  onTestFinished(() => {
    sessionStore.close();
    db.close();
  });
  return { app: createApp({ config, db, sessionStore, logger, readNotice: async () => notice }) };
}
