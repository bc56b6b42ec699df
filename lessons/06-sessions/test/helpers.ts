import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import { SQLiteStore } from '@forum-lessons/session-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { createApp, type AppDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db.ts';
import type { Notice } from '../src/notice.ts';

export const notice: Notice = { message: 'Welcome to the forum.', updatedAt: '2025-01-01T00:00:00.000Z' };

// #region make-app
/**
 * A fresh app on a fresh database, closed when the test ends: in memory
 * unless `databasePath` names a file. Sessions go into the same database,
 * through a SQLiteStore on the same connection. The request log goes into
 * `lines` and the error log into `errors`, instead of the console.
 */
export function makeApp({ databasePath = ':memory:', ...overrides }: Partial<AppDeps> & { databasePath?: string } = {}) {
  const lines: string[] = [];
  const errors: ErrorLogEntry[] = [];
  const db = openDatabase(databasePath);
  const store = new SQLiteStore({ db });
  onTestFinished(() => {
    store.close();
    db.close();
  });
  const app = createApp({
    config: loadConfig({ NODE_ENV: 'test' }),
    db,
    sessionStore: store,
    log: { request: (line) => lines.push(line), error: (entry) => errors.push(entry) },
    readNotice: async () => notice,
    ...overrides,
  });
  return { app, db, store, lines, errors };
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

/** The `name=value` part of a Set-Cookie header, to send back as a Cookie header. */
export function sessionCookie(setCookie: string[] | string | undefined): string {
  const header = [setCookie ?? []].flat().find((cookie) => cookie.startsWith('forum.sid='));
  if (header === undefined) throw new Error('the answer set no forum.sid cookie');
  return header.split(';')[0]!;
}

/** The problem details every error answer carries. */
export function problemFor(status: number, title: string, detail: string, instance: string) {
  return { type: 'about:blank', title, status, detail, instance, requestId: expectRequestId() };
}

function expectRequestId() {
  return expect.stringMatching(/^[0-9a-f-]{36}$/);
}
