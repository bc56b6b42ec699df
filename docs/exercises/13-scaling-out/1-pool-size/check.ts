// Check for lesson 13, exercise 1: DATABASE_POOL_SIZE, a whole number from 1
// to 100 (10 unless set), validated with the other settings, and used as the
// pool's size. No PostgreSQL is needed: the settings are checked through
// loadConfig(), and the pool through createPostgresPool(), which makes a
// pg.Pool without opening a connection (a pool connects at its first query).
import { expect } from 'vitest';
import { loadConfig } from '../../../../lessons/13-scaling-out/src/config.ts';
import { createLogger } from '../../../../lessons/13-scaling-out/src/logger.ts';
import { expectation, importExport } from '../../expectation.ts';

/** What the check reads of a pg.Pool: its options, its count of connections, its listeners. */
interface PoolLike {
  options: { max?: number };
  totalCount: number;
  listenerCount(event: string): number;
  end(): Promise<void>;
}
type CreatePool = (config: unknown, logger: unknown) => PoolLike;

/** Nothing listens on port 1: the check never reaches a server, and the pool must not try. */
const databaseUrl = 'postgres://forum:forum@127.0.0.1:1/forum';
const logger = createLogger({ logLevel: 'silent' });
const poolSize = (env: Record<string, string>) => (loadConfig(env) as unknown as Record<string, unknown>).databasePoolSize;

async function createPool(): Promise<CreatePool> {
  return importExport<CreatePool>(() => import('../../../../lessons/13-scaling-out/src/connections.ts'), 'src/connections.ts', 'createPostgresPool');
}

expectation(
  'without DATABASE_POOL_SIZE, config.databasePoolSize is 10',
  'Add DATABASE_POOL_SIZE to the schema in src/config.ts with a default of 10, and name it databasePoolSize in the camelCase object at the end of the schema.',
  () => {
    expect(poolSize({})).toBe(10);
    expect(poolSize({ DATABASE_URL: databaseUrl })).toBe(10);
  },
);

expectation(
  'DATABASE_POOL_SIZE=25 is the number 25, and 1 and 100 are allowed',
  'The environment holds strings: turn the value into a number, as wholeNumber() does for the rate limits.',
  () => {
    expect(poolSize({ DATABASE_POOL_SIZE: '25' })).toBe(25);
    expect(poolSize({ DATABASE_POOL_SIZE: '1' })).toBe(1);
    expect(poolSize({ DATABASE_POOL_SIZE: '100' })).toBe(100);
  },
);

expectation(
  '0, 101, 2.5, ten and an empty value are refused at start, with a message naming DATABASE_POOL_SIZE',
  'loadConfig() names the setting for you when the schema refuses its value: refuse what is not a whole number, and numbers below 1 or above 100.',
  () => {
    for (const value of ['0', '101', '2.5', 'ten', '', '-5']) {
      expect(() => loadConfig({ DATABASE_POOL_SIZE: value }), JSON.stringify(value)).toThrow(/DATABASE_POOL_SIZE/);
    }
  },
);

expectation(
  'a bad DATABASE_POOL_SIZE is listed with the other bad settings, in one error',
  'Put the setting in the same schema as the others, so that one error lists every problem.',
  () => {
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0', PORT: 'eighty' })).toThrow(/PORT[\s\S]*DATABASE_POOL_SIZE|DATABASE_POOL_SIZE[\s\S]*PORT/);
  },
);

expectation(
  'createPostgresPool(config, logger) from src/connections.ts makes a pool of DATABASE_POOL_SIZE connections, without connecting',
  'Export createPostgresPool(config, logger) from src/connections.ts: it makes the pg.Pool with max: config.databasePoolSize and its \'error\' listener, and returns it; openPostgres() calls it, then migrates.',
  async () => {
    const create = await createPool();
    const pool = create(loadConfig({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '3' }), logger);
    try {
      expect(pool.options.max).toBe(3);
      expect(pool.totalCount, 'connections opened by making the pool').toBe(0);
    } finally {
      await pool.end();
    }
  },
);

expectation(
  'without the setting the pool has 10 connections at most, and it listens for \'error\'',
  'Keep the pool.on(\'error\', ...) listener in the function that makes the pool: a connection that breaks while idle would otherwise crash the process.',
  async () => {
    const create = await createPool();
    const pool = create(loadConfig({ DATABASE_URL: databaseUrl }), logger);
    try {
      expect(pool.options.max).toBe(10);
      expect(pool.listenerCount('error')).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  },
);
