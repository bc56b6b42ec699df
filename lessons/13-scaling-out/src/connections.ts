import type { Logger } from 'pino';
import pg from 'pg';
import type { Config } from './config.ts';
import { withoutPassword } from './config.ts';
import { migratePostgres } from './repositories/postgres/migrations.ts';
import { createRedisClient, type RedisClient } from './redis.ts';

// #region connections
/** The servers the app talks to over the network, connected and ready. */
export interface Connections {
  /** PostgreSQL, when DATABASE_URL is set: a pool of connections, the schema up to date. */
  postgres?: pg.Pool;
  /** Redis, when REDIS_URL is set. */
  redis?: RedisClient;
  /** Closes both: waits for queries in flight, then ends every connection. */
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL and Redis when their URLs are set, before the
 * server listens: a server that cannot reach them refuses to start with one
 * line that names the setting, instead of answering every request with an
 * error. Each failure says how to start the server it could not reach.
 */
export async function openConnections(
  config: Pick<Config, 'databaseUrl' | 'redisUrl'>,
  logger: Logger,
): Promise<Connections> {
  let postgres: pg.Pool | undefined;
  let redis: RedisClient | undefined;
  const close = async () => {
    await Promise.allSettled([postgres?.end(), redis?.close()]);
  };
  try {
    if (config.databaseUrl !== undefined) postgres = await openPostgres(config.databaseUrl, logger);
    if (config.redisUrl !== undefined) redis = await openRedis(config.redisUrl, logger);
  } catch (error) {
    // PostgreSQL answered but Redis did not: close the pool before giving up.
    await close();
    throw error;
  }
  return { postgres, redis, close };
}
// #endregion connections

// #region open-postgres
/**
 * A pool of up to 10 connections per process. Every query borrows one and
 * gives it back; a request never waits for a connection to be opened when
 * one is idle. Ten per instance: PostgreSQL allows 100 connections unless
 * configured otherwise, and every instance brings its own pool.
 */
async function openPostgres(url: string, logger: Logger): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // A connection that breaks while idle in the pool is reported here; without
  // a listener the process would crash. The pool opens a new one when needed.
  pool.on('error', (error) => logger.warn({ err: error }, 'PostgreSQL connection lost'));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(`DATABASE_URL: ${describe(error, url, 'PostgreSQL')}`, { cause: error });
  }
  return pool;
}
// #endregion open-postgres

async function openRedis(url: string, logger: Logger): Promise<RedisClient> {
  const client = createRedisClient(url, logger);
  try {
    await client.connect();
  } catch (error) {
    client.destroy();
    throw new Error(`REDIS_URL: ${describe(error, url, 'Redis')}`, { cause: error });
  }
  return client;
}

// #region describe
/** One line: where, what went wrong, and what to do about it. */
function describe(error: unknown, url: string, server: 'PostgreSQL' | 'Redis'): string {
  const { message = String(error) } = error as { message?: string };
  // pg puts Node's code on the error; the Redis client only in the message.
  const code = (error as { code?: string }).code ?? /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)\b/.exec(message)?.[1];
  const where = withoutPassword(url);
  const hint =
    `Start ${server} (in lessons/13-scaling-out: docker compose up -d), ` +
    `or unset ${server === 'PostgreSQL' ? 'DATABASE_URL to keep the data in SQLite' : 'REDIS_URL to keep sessions and rate limits in this process'}.`;
  if (code === 'ECONNREFUSED') return `nothing is listening at ${where}. ${hint}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host of ${where} was not found. ${hint}`;
  if (/timeout/i.test(message)) return `no answer from ${where} within 5 seconds. ${hint}`;
  return `could not use ${where}: ${message.split('\n')[0]}`;
}
// #endregion describe
