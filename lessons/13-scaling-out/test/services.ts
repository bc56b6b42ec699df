// PostgreSQL and Redis for the tests that need them: where they are, whether
// they answer, and a schema and key prefix of a test's own.
//
// The servers are found at DATABASE_URL and REDIS_URL, or at this project's
// development defaults. When nothing answers there, the tests that need them
// are skipped (vitest.config.ts prints one line saying so), except in CI
// (CI=true), where they run and fail: CI must test both databases.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';
import { describe } from 'vitest';

/** The database the tests make their schemas in. */
export const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The Redis the tests write their keys to. */
export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Does each server answer? vitest.config.ts asked once for the whole run; a file run on its own asks here. */
export async function probeServices(): Promise<{ postgres: boolean; redis: boolean }> {
  const postgres = (async () => {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  const redis = (async () => {
    const client = createClient({ url: redisUrl, socket: { connectTimeout: 3000, reconnectStrategy: false } });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
      return true;
    } catch {
      return false;
    } finally {
      if (client.isOpen) client.destroy();
    }
  })();
  return { postgres: await postgres, redis: await redis };
}

const known = process.env.FORUM_TEST_SERVICES;
const found = known === undefined ? await probeServices() : (JSON.parse(known) as { postgres: boolean; redis: boolean });

/** True when both servers answer, or in CI, where their tests must run (and fail if they are missing). */
export const servicesUp = (found.postgres && found.redis) || process.env.CI === 'true';

/** `describe` for tests that need PostgreSQL and Redis: skipped when they do not answer, outside CI. */
export const describeWithServices = describe.skipIf(!servicesUp);

// #region isolation
/**
 * A PostgreSQL schema of the caller's own, and the DATABASE_URL that puts
 * the app in it: `options=-c search_path=…` makes it the connection's
 * default schema, so the app's unqualified table names land there. `drop()`
 * removes it with everything in it.
 */
export async function freshSchema(): Promise<{ schema: string; url: string; drop: () => Promise<void> }> {
  const schema = `forum_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { schema, url: url.toString(), drop: () => adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A Redis key prefix of the caller's own, and `clear()`, which deletes every key under it. */
export function freshPrefix(): { prefix: string; clear: () => Promise<void> } {
  const prefix = `forum-test:${randomBytes(6).toString('hex')}:`;
  return {
    prefix,
    async clear() {
      const client = createClient({ url: redisUrl });
      client.on('error', () => {});
      await client.connect();
      try {
        const keys: string[] = [];
        for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
        if (keys.length > 0) await client.del(keys);
      } finally {
        client.destroy();
      }
    },
  };
}
// #endregion isolation
