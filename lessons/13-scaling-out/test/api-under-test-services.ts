// Lesson 11's black-box API tests, run a second time against lesson 13 on
// PostgreSQL and Redis (vitest.config.ts points their '#api-under-test'
// here). Each app makeApi() builds gets a PostgreSQL schema and a Redis key
// prefix of its own, which are removed when the test ends: a fresh forum per
// test, as on SQLite's `:memory:`.
//
// Connecting and migrating take a moment, and makeApi() must hand back an
// app at once: the app it returns is a request handler that waits for the
// forum to be ready, then passes the request on. Nothing else differs from
// test/api-under-test.ts.
import type { Express, Request, Response } from 'express';
import { onTestFinished } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openConnections } from '../src/connections.ts';
import { createLogger } from '../src/logger.ts';
import type { Notice } from '../src/notice.ts';
import { freshPrefix, freshSchema, redisUrl } from './services.ts';

/** What GET /api/v1/notice answers in every app makeApi() builds. */
export const notice: Notice = { message: 'Welcome to the forum.', updatedAt: '2025-01-01T00:00:00.000Z' };

/** A fresh forum on a fresh PostgreSQL schema and Redis prefix, with NODE_ENV=test, ADMIN_EMAIL=admin@example.com and `env` on top; removed when the test ends. */
export function makeApi(env: Record<string, string> = {}): { app: Express } {
  const redis = freshPrefix();
  const ready = (async () => {
    const schema = await freshSchema();
    const config = loadConfig({
      NODE_ENV: 'test',
      ADMIN_EMAIL: 'admin@example.com',
      ...env,
      DATABASE_URL: schema.url,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: redis.prefix,
    });
    const logger = createLogger(config, { write: () => {} });
    const connections = await openConnections(config, logger);
    const forum = createApp(config, { logger, readNotice: async () => notice, postgres: connections.postgres, redis: connections.redis });
    return { forum, connections, schema };
  })();
  onTestFinished(async () => {
    const { forum, connections, schema } = await ready;
    forum.close();
    await connections.close();
    await Promise.all([schema.drop(), redis.clear()]);
  });
  const app = (req: Request, res: Response) => {
    ready.then(({ forum }) => forum.app(req, res), (error: unknown) => res.destroy(error as Error));
  };
  return { app: app as unknown as Express };
}
