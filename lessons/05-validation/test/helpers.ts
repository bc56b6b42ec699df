import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import { expect, onTestFinished } from 'vitest';
import { createApp, type AppDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db.ts';
import type { Notice } from '../src/notice.ts';

export const notice: Notice = { message: 'Welcome to the forum.', updatedAt: '2025-01-01T00:00:00.000Z' };

// #region make-app
/**
 * A fresh app on a fresh in-memory database, closed when the test ends. The
 * request log goes into `lines` and the error log into `errors`, instead of
 * the console.
 */
export function makeApp(overrides: Partial<AppDeps> = {}) {
  const lines: string[] = [];
  const errors: ErrorLogEntry[] = [];
  const db = openDatabase(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const app = createApp({
    config: loadConfig({ NODE_ENV: 'test' }),
    db,
    log: { request: (line) => lines.push(line), error: (entry) => errors.push(entry) },
    readNotice: async () => notice,
    ...overrides,
  });
  return { app, db, lines, errors };
}
// #endregion make-app

/** The problem details every error answer carries. */
export function problemFor(status: number, title: string, detail: string, instance: string) {
  return { type: 'about:blank', title, status, detail, instance, requestId: expectRequestId() };
}

function expectRequestId() {
  return expect.stringMatching(/^[0-9a-f-]{36}$/);
}
