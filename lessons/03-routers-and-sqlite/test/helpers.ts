import { onTestFinished } from 'vitest';
import { createApp, type AppDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db.ts';
import type { Notice } from '../src/notice.ts';

export const notice: Notice = { message: 'Welcome to the forum.', updatedAt: '2025-01-01T00:00:00.000Z' };

// #region make-app
/**
 * A fresh app on a fresh in-memory database, closed when the test ends. The
 * request log goes into `lines` instead of the console.
 */
export function makeApp(overrides: Partial<AppDeps> = {}) {
  const lines: string[] = [];
  const db = openDatabase(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const app = createApp({
    config: loadConfig({ NODE_ENV: 'test' }),
    db,
    log: (line) => lines.push(line),
    readNotice: async () => notice,
    ...overrides,
  });
  return { app, db, lines };
}
// #endregion make-app
