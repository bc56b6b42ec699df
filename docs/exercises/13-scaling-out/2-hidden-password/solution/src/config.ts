import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The lesson folder: relative paths in settings are resolved from here, not from where you started the server. */
const lessonDir = fileURLToPath(new URL('..', import.meta.url));

// #region env-schema
// #region session-secret
/**
 * Signs session cookies when SESSION_SECRET is not set, outside production
 * only. It is in the repository, so anyone can forge a cookie signed with it.
 */
export const DEVELOPMENT_SESSION_SECRET = 'development-only-secret-set-SESSION_SECRET-in-production';

/** At least 32 characters: long enough that no one guesses it. Missing is an error only in production. */
const sessionSecret = z
  .string({ error: 'is required in production: set it to a random string of at least 32 characters' })
  .min(32, 'must be at least 32 characters long');

/** In production: no default, and never the development secret, which anyone can read here. */
const productionSessionSecret = sessionSecret.refine(
  (secret) => secret !== DEVELOPMENT_SESSION_SECRET,
  'must not be the development secret in production: anyone who has read this repository can sign cookies with it',
);
// #endregion session-secret

/** What Express's `trust proxy` accepts in a list: a named range, an address, or address/prefix. */
function isProxyAddress(item: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
  const [address = '', prefix, ...rest] = item.split('/');
  return rest.length === 0 && isIP(address) !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix));
}

/** A whole number from a string, at least `min`. */
function wholeNumber(message: string, min: number) {
  return z
    .string()
    .regex(/^\d{1,12}$/, message)
    .transform(Number)
    .refine((value) => value >= min, message);
}

// #region service-url
/** A URL with one of `protocols` and a host: the database's or Redis's. */
function serviceUrl(protocols: string[], message: string) {
  return z.string().refine((value) => {
    try {
      const url = new URL(value);
      return protocols.includes(url.protocol) && url.hostname !== '';
    } catch {
      return false;
    }
  }, message);
}

// #region without-password
/**
 * The URL as it may be printed: a password in it becomes `***`. Settings
 * like DATABASE_URL carry the password, and a log or an error message is
 * no place for it. node-postgres reads it from two places: the user info
 * (`postgres://forum:secret@host/db`) and the query
 * (`postgres://forum@host/db?password=secret`); both are hidden.
 */
export function withoutPassword(value: string): string {
  try {
    const url = new URL(value);
    const inQuery = url.searchParams.has('password');
    if (url.password === '' && !inQuery) return value;
    if (url.password !== '') url.password = '***';
    if (inQuery) url.searchParams.set('password', '***');
    return url.toString();
  } catch {
    // Not a URL: whatever comes after `:` and before `@` may be a password,
    // and so may the value of `password=` (libpq's `host=db password=secret`).
    return value.replace(/:[^:@/]*@/, ':***@').replace(/(password\s*=\s*)('[^']*'|[^&\s]*)/gi, '$1***');
  }
}
// #endregion without-password
// #endregion service-url

/** An origin as a browser sends it: scheme, host and port, nothing after. */
const exactOrigin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}, 'must list origins like https://forum.example.com (scheme, host and optional port; no path, no trailing slash), separated by commas');

/** In production, `*` would let any site act with a logged-in user's cookie. */
const productionOrigin = z
  .string()
  .refine((value) => value !== '*', 'must not be * in production: list the origins of the sites allowed to call the API with a user\'s cookie')
  .pipe(exactOrigin);

// One schema for the whole environment. Every variable is a string (or
// missing); the schema checks it, fills in its default and turns it into the
// value the app uses. Each message is completed with the variable's name and
// the value it got, e.g. `PORT must be a whole number from 0 to 65535, got "x"`.
// The schema is built for a NODE_ENV, because one rule depends on it: only
// outside production may SESSION_SECRET fall back to a default.
function envSchema(nodeEnv: string | undefined) {
  return z
    .object({
      PORT: z
        .string()
        .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
        .transform(Number)
        .refine((port) => port <= 65_535, 'must be a whole number from 0 to 65535')
        .default(3000),
      NODE_ENV: z.enum(['development', 'test', 'production'], 'must be one of development, test, production').default('development'),
      LOG_REQUESTS: z
        .enum(['true', 'false'], 'must be "true" or "false"')
        .default('true')
        .transform((value) => value === 'true'),
      // #region production-settings
      // How much pino writes: each level includes the ones above it.
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be one of fatal, error, warn, info, debug, trace, silent').default('info'),
      // Where sessions live. memory is express-session's MemoryStore, there to
      // compare against (pnpm bench:http); it forgets every login at a restart
      // and grows without bound, so production refuses it.
      // redis (the default when REDIS_URL is set) keeps them where every
      // instance of the app finds them.
      SESSION_STORE:
        nodeEnv === 'production'
          ? z.enum(['sqlite', 'redis'], 'must be sqlite or redis in production: the memory store loses every session at a restart and is not shared between processes').optional()
          : z.enum(['sqlite', 'memory', 'redis'], 'must be sqlite, memory or redis').optional(),
      // The origins of other sites whose pages may call the API with the
      // user's cookie: exact origins, comma-separated. Empty: none, only the
      // forum's own page. `*` (any site) only outside production.
      CORS_ORIGINS: z
        .string()
        .default('')
        .transform((list) => list.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
        .pipe(z.array(nodeEnv === 'production' ? productionOrigin : exactOrigin.or(z.literal('*')))),
      // Who may tell the app the client's address and protocol
      // (X-Forwarded-For, X-Forwarded-Proto): `false` (nobody: the app faces
      // the internet), the number of proxies in front of it, or their
      // addresses. Express's `true` (everybody) is refused: any client could
      // then claim any address and walk past the rate limits.
      TRUST_PROXY: z
        .string()
        .default('false')
        .transform((value, ctx) => {
          if (value === 'false') return false;
          if (/^\d{1,2}$/.test(value)) return Number(value);
          const list = value.split(',').map((item) => item.trim());
          if (list.every(isProxyAddress)) return list;
          ctx.addIssue({ code: 'custom', message: 'must be false, the number of proxies in front of the app (e.g. 1), or their addresses (e.g. loopback, 10.0.0.0/8)' });
          return z.NEVER;
        }),
      // Requests per client address, and failed logins per account. Each
      // limit counts in a window of RATE_LIMIT_WINDOW_MS (15 minutes).
      RATE_LIMIT_WINDOW_MS: wholeNumber('must be a whole number of milliseconds, at least 1000', 1000).default(15 * 60 * 1000),
      API_RATE_LIMIT: wholeNumber('must be a whole number, at least 1', 1).default(1500),
      LOGIN_RATE_LIMIT: wholeNumber('must be a whole number, at least 1', 1).default(30),
      LOGIN_ACCOUNT_RATE_LIMIT: wholeNumber('must be a whole number, at least 1', 1).default(10),
      REGISTER_RATE_LIMIT: wholeNumber('must be a whole number, at least 1', 1).default(10),
      // How long a client may take to send a whole request, and its headers.
      // A client that trickles bytes cannot hold a connection for longer.
      REQUEST_TIMEOUT_MS: wholeNumber('must be a whole number of milliseconds, at least 1000', 1000).default(30_000),
      HEADERS_TIMEOUT_MS: wholeNumber('must be a whole number of milliseconds, at least 1000', 1000).default(10_000),
      // At SIGTERM, how long requests in flight may take to finish.
      SHUTDOWN_TIMEOUT_MS: wholeNumber('must be a whole number of milliseconds, at least 0', 0).default(10_000),
      // #endregion production-settings
      // #region service-settings
      // PostgreSQL instead of SQLite for users, posts and replies, e.g.
      // postgres://forum:secret@db.internal:5432/forum. Not set: SQLite at
      // DATABASE_PATH, as in lesson 12.
      DATABASE_URL: serviceUrl(['postgres:', 'postgresql:'], 'must be a PostgreSQL URL like postgres://user:password@host:5432/database').optional(),
      // Redis for sessions and rate-limit counts, e.g. redis://cache.internal:6379.
      // Not set: sessions in SQLite (or memory) and counts in each process's memory.
      REDIS_URL: serviceUrl(['redis:', 'rediss:'], 'must be a Redis URL like redis://host:6379 or rediss://host:6380').optional(),
      // Put before every key this app writes to Redis, so that several apps
      // (or tests) can share one Redis without reading each other's keys.
      REDIS_KEY_PREFIX: z
        .string()
        .regex(/^[\w.:-]{1,64}$/, 'must be 1 to 64 letters, digits or . _ : -')
        .default('forum:'),
      // #endregion service-settings
      // forum.db in the lesson folder by default; git ignores *.db files.
      DATABASE_PATH: z
        .string()
        .refine((path) => path.trim() !== '', 'must be a file path or :memory:')
        .transform((path) => (path === ':memory:' ? path : resolve(lessonDir, path)))
        .refine((path) => path === ':memory:' || existsSync(dirname(path)), {
          error: (issue) => `must be in a folder that exists (no folder ${dirname(String(issue.input))})`,
        })
        .prefault('forum.db'),
      // #region session-settings
      SESSION_SECRET: nodeEnv === 'production' ? productionSessionSecret : sessionSecret.default(DEVELOPMENT_SESSION_SECRET),
      // One week unless set: how long a session lives after its last change.
      SESSION_MAX_AGE_MS: z
        .string()
        .regex(/^\d{1,12}$/, 'must be a whole number of milliseconds, at least 1000')
        .transform(Number)
        .refine((ms) => ms >= 1000, 'must be a whole number of milliseconds, at least 1000')
        .default(7 * 24 * 60 * 60 * 1000),
      // Ten thousand unless set: how many sessions may exist before the visit
      // counter stops creating new ones (see routes/session.ts).
      MAX_VISITOR_SESSIONS: z
        .string()
        .regex(/^\d{1,9}$/, 'must be a whole number, at least 0')
        .transform(Number)
        .default(10_000),
      // #endregion session-settings
      // #region admin-setting
      // The email of the first administrator, or nothing. The account with
      // this email (in any letter case) is an approved admin: at registration,
      // and at every start if it already exists.
      ADMIN_EMAIL: z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email('must be an email address'))
        .optional(),
      // #endregion admin-setting
      // #region absolute-setting
      // Thirty days unless set: how long a login lasts, however active the
      // session is. SESSION_MAX_AGE_MS ends an idle session; this ends any.
      SESSION_ABSOLUTE_MS: z
        .string()
        .regex(/^\d{1,12}$/, 'must be a whole number of milliseconds, at least 1000')
        .transform(Number)
        .refine((ms) => ms >= 1000, 'must be a whole number of milliseconds, at least 1000')
        .default(30 * 24 * 60 * 60 * 1000),
      // #endregion absolute-setting
    })
    // Node refuses a headers timeout longer than the request timeout.
    .superRefine((env, ctx) => {
      if (env.SESSION_STORE === 'redis' && env.REDIS_URL === undefined) {
        ctx.addIssue({ code: 'custom', path: ['SESSION_STORE'], message: 'is redis, but REDIS_URL is not set: set REDIS_URL to the Redis server' });
      }
      if (env.HEADERS_TIMEOUT_MS > env.REQUEST_TIMEOUT_MS) {
        ctx.addIssue({ code: 'custom', path: ['HEADERS_TIMEOUT_MS'], message: `must not be more than REQUEST_TIMEOUT_MS (${env.REQUEST_TIMEOUT_MS})` });
      }
    })
    // The rest of the app reads camelCase names, not environment variables.
    .transform((env) => ({
      /** PORT: the TCP port to listen on. `0` asks the operating system for a free one. */
      port: env.PORT,
      /** NODE_ENV: Express shows error stacks to clients unless this is `production`. */
      nodeEnv: env.NODE_ENV,
      /** LOG_REQUESTS: whether to log one entry per finished request. */
      logRequests: env.LOG_REQUESTS,
      /** LOG_LEVEL: the lowest level pino writes. */
      logLevel: env.LOG_LEVEL,
      /** SESSION_STORE: `redis` (the default with REDIS_URL), `sqlite` (the SQLite database, the default without) or `memory` (outside production). */
      sessionStore: env.SESSION_STORE ?? (env.REDIS_URL === undefined ? 'sqlite' : 'redis'),
      /** DATABASE_URL: PostgreSQL for the forum's data; `undefined` for SQLite at databasePath. */
      databaseUrl: env.DATABASE_URL,
      /** REDIS_URL: Redis for sessions and rate limits; `undefined` to keep them in this process. */
      redisUrl: env.REDIS_URL,
      /** REDIS_KEY_PREFIX: the start of every key the app writes to Redis. */
      redisKeyPrefix: env.REDIS_KEY_PREFIX,
      /** CORS_ORIGINS: other sites' origins allowed to call the API with credentials; `['*']` is any (outside production). */
      corsOrigins: env.CORS_ORIGINS,
      /** TRUST_PROXY: Express's `trust proxy` setting: false, a number of hops, or addresses. */
      trustProxy: env.TRUST_PROXY,
      /** The rate limits, per client address (and per account for failed logins) in one window. */
      rateLimits: {
        windowMs: env.RATE_LIMIT_WINDOW_MS,
        api: env.API_RATE_LIMIT,
        login: env.LOGIN_RATE_LIMIT,
        loginAccount: env.LOGIN_ACCOUNT_RATE_LIMIT,
        register: env.REGISTER_RATE_LIMIT,
      },
      /** REQUEST_TIMEOUT_MS and HEADERS_TIMEOUT_MS: for the HTTP server, in milliseconds. */
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
      /** SHUTDOWN_TIMEOUT_MS: how long requests in flight may take after SIGTERM. */
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      /** DATABASE_PATH: the SQLite file (absolute), or `:memory:` for a database that lives only in memory. */
      databasePath: env.DATABASE_PATH,
      /** SESSION_SECRET: signs the session cookie, so a client cannot make up a session id. */
      sessionSecret: env.SESSION_SECRET,
      /** SESSION_MAX_AGE_MS: the session cookie's lifetime, in milliseconds. */
      sessionMaxAgeMs: env.SESSION_MAX_AGE_MS,
      /** MAX_VISITOR_SESSIONS: above this many stored sessions, a new visitor is counted but not remembered. */
      maxVisitorSessions: env.MAX_VISITOR_SESSIONS,
      /** SESSION_ABSOLUTE_MS: a login ends this long after it began, in milliseconds. */
      sessionAbsoluteMs: env.SESSION_ABSOLUTE_MS,
      /** ADMIN_EMAIL: the first administrator's email, lowercased; `undefined` when not set. */
      adminEmail: env.ADMIN_EMAIL,
    }));
}

/** The settings, as the schema's output: `{ port: number, nodeEnv: 'development' | …, … }`. */
export type Config = z.output<ReturnType<typeof envSchema>>;
export type NodeEnv = Config['nodeEnv'];

/** Settings whose value must never be printed, not even in an error. */
const secretSettings = new Set(['SESSION_SECRET']);
/** Settings that may hold a password: printed with the password hidden. */
const urlSettings = new Set(['DATABASE_URL', 'REDIS_URL']);
// #endregion env-schema

// #region load-config
/**
 * Reads the settings this lesson needs from an environment object (normally
 * `process.env`). The schema reports every bad value at once, so one error
 * names them all.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = envSchema(env.NODE_ENV).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const value = env[name];
    if (value === undefined) return `${name} ${issue.message}`;
    // A secret's length is enough to see what is wrong with it.
    if (secretSettings.has(name)) return `${name} ${issue.message}, got ${value.length} characters`;
    return `${name} ${issue.message}, got ${JSON.stringify(urlSettings.has(name) ? withoutPassword(value) : value)}`;
  });
  throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
}
// #endregion load-config
