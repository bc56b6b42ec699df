// Lesson 11's black-box API tests (lessons/11-production/test/api/*.test.ts)
// run against this lesson, byte for byte: vitest.config.ts points their
// '#api-under-test' here instead of at lesson 11's app. This file is the
// only thing that knows which app they test, and it builds lesson 12's the
// way server.ts does: createApp(config), which opens its own database
// (`:memory:`) and session store.
import type { Express } from 'express';
import { onTestFinished } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import type { Notice } from '../src/notice.ts';

/** What GET /api/v1/notice answers in every app makeApi() builds. */
export const notice: Notice = { message: 'Welcome to the forum.', updatedAt: '2025-01-01T00:00:00.000Z' };

/** A fresh forum on a fresh in-memory database, with NODE_ENV=test, ADMIN_EMAIL=admin@example.com and `env` on top; everything it opened is closed when the test ends (onTestFinished). */
export function makeApi(env: Record<string, string> = {}): { app: Express } {
  const config = loadConfig({ NODE_ENV: 'test', ADMIN_EMAIL: 'admin@example.com', ...env, DATABASE_PATH: ':memory:' });
  // The tests read answers, not logs: the lines are written nowhere.
  const logger = createLogger(config, { write: () => {} });
  const { app, close } = createApp(config, { logger, readNotice: async () => notice });
  onTestFinished(close);
  return { app };
}
