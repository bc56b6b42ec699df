import { RedisStore as RedisSessionStore } from 'connect-redis';
import type { Store as RateLimitStore } from 'express-rate-limit';
import type { Logger } from 'pino';
import { RedisStore as RedisRateLimitStore, type RedisReply } from 'rate-limit-redis';
import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  createClient,
} from 'redis';
import { UnavailableError } from './domain/errors.ts';

// #region redis-client
/**
 * A Redis client for sessions and rate limits, not yet connected.
 *
 * - `disableOfflineQueue`: while the connection is down, a command fails at
 *   once instead of waiting in a queue for Redis to come back. A request
 *   then gets a 503 in milliseconds, not a hang, and /ready says so.
 * - reconnect: after a lost connection, the client tries again after 100 ms,
 *   200 ms… up to every 2 s, for as long as it takes. Before the first
 *   connection it gives up at once: a server that cannot reach Redis when
 *   it starts should refuse to start (connections.ts), not wait forever.
 */
export function createRedisClient(url: string, logger: Logger) {
  let connected = false;
  let lost = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries, cause) => (connected ? Math.min(100 * 2 ** retries, 2000) : cause),
    },
  });
  // Without an 'error' listener, a lost connection would crash the process.
  // One warning when it is lost, one line when it is back.
  client.on('error', (error: Error) => {
    // Before the first connection, connect() rejects with the error instead.
    if (!connected || lost) return;
    lost = true;
    logger.warn({ err: error }, 'Redis connection lost; reconnecting');
  });
  client.on('ready', () => {
    if (lost) logger.info('Redis connection back');
    connected = true;
    lost = false;
  });
  return client;
}
// #endregion redis-client

export type RedisClient = ReturnType<typeof createRedisClient>;

// #region redis-stores
/** express-session's store in Redis: one key per session, which Redis deletes when the cookie would expire. */
export function redisSessionStore(client: RedisClient, prefix: string): RedisSessionStore {
  return new RedisSessionStore({ client, prefix: `${prefix}sess:` });
}

/**
 * A store for one rate limiter: its counts in Redis, under the limiter's own
 * prefix (`forum:rl:login:`), so that every instance of the app adds to the
 * same count, and the login limiter's count of an address is not the API
 * limiter's. Redis's INCR is atomic: two instances counting at the same
 * moment lose no hit.
 */
export function redisRateLimitStores(client: RedisClient, prefix: string): (identifier: string) => RateLimitStore {
  return (identifier) =>
    new RedisRateLimitStore({
      prefix: `${prefix}rl:${identifier}:`,
      sendCommand: (...args: string[]) => client.sendCommand(args) as Promise<RedisReply>,
    });
}
// #endregion redis-stores

// #region redis-errors
/** The Redis client's errors that mean "no connection", not "a bad command". */
const connectionErrors = [
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
];

/**
 * A session or rate-limit call failed because Redis is unreachable: the
 * error becomes an UnavailableError, which the API answers 503 with
 * Retry-After. Any other error is returned as it is.
 */
export function redisUnavailable(error: unknown): unknown {
  if (connectionErrors.some((type) => error instanceof type)) {
    return new UnavailableError('The session store (Redis) is not answering. Try again in a moment.', { cause: error });
  }
  return error;
}
// #endregion redis-errors
