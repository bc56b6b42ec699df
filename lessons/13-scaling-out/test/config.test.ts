import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { DEVELOPMENT_SESSION_SECRET, loadConfig } from '../src/config.ts';

const lessonDir = fileURLToPath(new URL('..', import.meta.url));
const secret = 'a-production-secret-of-32-characters-or-more';

test('defaults: PORT 3000, NODE_ENV development, request logging on, forum.db in the lesson folder, a week-long session', () => {
  expect(loadConfig({})).toEqual({
    port: 3000,
    nodeEnv: 'development',
    logRequests: true,
    databasePath: join(lessonDir, 'forum.db'),
    sessionSecret: DEVELOPMENT_SESSION_SECRET,
    sessionMaxAgeMs: 7 * 24 * 60 * 60 * 1000,
    maxVisitorSessions: 10_000,
    sessionAbsoluteMs: 30 * 24 * 60 * 60 * 1000,
    logLevel: 'info',
    sessionStore: 'sqlite',
    databaseUrl: undefined,
    redisUrl: undefined,
    redisKeyPrefix: 'forum:',
    corsOrigins: [],
    trustProxy: false,
    rateLimits: { windowMs: 15 * 60 * 1000, api: 1500, login: 30, loginAccount: 10, register: 10 },
    requestTimeoutMs: 30_000,
    headersTimeoutMs: 10_000,
    shutdownTimeoutMs: 10_000,
  });
});

test('reads every setting from the environment', () => {
  const databasePath = join(tmpdir(), 'forum.db');
  expect(
    loadConfig({
      PORT: '8080',
      NODE_ENV: 'production',
      LOG_REQUESTS: 'false',
      DATABASE_PATH: databasePath,
      SESSION_SECRET: secret,
      SESSION_MAX_AGE_MS: '3600000',
      MAX_VISITOR_SESSIONS: '50',
      SESSION_ABSOLUTE_MS: '86400000',
      LOG_LEVEL: 'warn',
      SESSION_STORE: 'sqlite',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
      TRUST_PROXY: '1',
      RATE_LIMIT_WINDOW_MS: '60000',
      API_RATE_LIMIT: '100',
      LOGIN_RATE_LIMIT: '5',
      LOGIN_ACCOUNT_RATE_LIMIT: '3',
      REGISTER_RATE_LIMIT: '2',
      REQUEST_TIMEOUT_MS: '20000',
      HEADERS_TIMEOUT_MS: '5000',
      SHUTDOWN_TIMEOUT_MS: '3000',
      DATABASE_URL: 'postgres://forum:secret@db.internal:5432/forum',
      REDIS_URL: 'redis://cache.internal:6379',
      REDIS_KEY_PREFIX: 'forum-eu:',
    }),
  ).toEqual({
    port: 8080,
    nodeEnv: 'production',
    logRequests: false,
    databasePath,
    sessionSecret: secret,
    sessionMaxAgeMs: 3_600_000,
    maxVisitorSessions: 50,
    sessionAbsoluteMs: 86_400_000,
    logLevel: 'warn',
    sessionStore: 'sqlite',
    databaseUrl: 'postgres://forum:secret@db.internal:5432/forum',
    redisUrl: 'redis://cache.internal:6379',
    redisKeyPrefix: 'forum-eu:',
    corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
    trustProxy: 1,
    rateLimits: { windowMs: 60_000, api: 100, login: 5, loginAccount: 3, register: 2 },
    requestTimeoutMs: 20_000,
    headersTimeoutMs: 5_000,
    shutdownTimeoutMs: 3_000,
  });
});

test('PORT=0 is allowed and means any free port', () => {
  expect(loadConfig({ PORT: '0' }).port).toBe(0);
});

test('DATABASE_PATH=:memory: is kept as it is', () => {
  expect(loadConfig({ DATABASE_PATH: ':memory:' }).databasePath).toBe(':memory:');
});

test('a relative DATABASE_PATH is resolved from the lesson folder, not the working directory', () => {
  expect(loadConfig({ DATABASE_PATH: 'data.db' }).databasePath).toBe(join(lessonDir, 'data.db'));
});

test('DATABASE_PATH in a folder that does not exist is refused, naming the setting', () => {
  expect(() => loadConfig({ DATABASE_PATH: '/no/such/folder/forum.db' })).toThrow(
    'DATABASE_PATH must be in a folder that exists (no folder /no/such/folder), got "/no/such/folder/forum.db"',
  );
});

test('an empty DATABASE_PATH is refused, naming the setting', () => {
  expect(() => loadConfig({ DATABASE_PATH: '' })).toThrow('DATABASE_PATH must be a file path or :memory:, got ""');
});

test.each(['abc', '-1', '3.5', '70000', ''])('PORT=%j is refused with a message naming PORT', (value) => {
  expect(() => loadConfig({ PORT: value })).toThrow(/PORT must be a whole number/);
});

test.each(['prod', 'Production', ''])('NODE_ENV=%j is refused with a message naming NODE_ENV', (value) => {
  expect(() => loadConfig({ NODE_ENV: value })).toThrow(
    `NODE_ENV must be one of development, test, production, got "${value}"`,
  );
});

test.each(['yes', '1', 'TRUE'])('LOG_REQUESTS=%j is refused with a message naming LOG_REQUESTS', (value) => {
  expect(() => loadConfig({ LOG_REQUESTS: value })).toThrow(`LOG_REQUESTS must be "true" or "false", got "${value}"`);
});

// #region secret-tests
test.each(['development', 'test'])('with NODE_ENV=%s and no SESSION_SECRET, the development secret is used', (nodeEnv) => {
  expect(loadConfig({ NODE_ENV: nodeEnv }).sessionSecret).toBe(DEVELOPMENT_SESSION_SECRET);
});

test('production refuses to start without SESSION_SECRET, naming it', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
    'SESSION_SECRET is required in production: set it to a random string of at least 32 characters',
  );
});

test.each(['production', 'development'])('with NODE_ENV=%s a SESSION_SECRET under 32 characters is refused, without printing it', (nodeEnv) => {
  const attempt = () => loadConfig({ NODE_ENV: nodeEnv, SESSION_SECRET: 'hunter2-is-not-a-secret' });

  expect(attempt).toThrow('SESSION_SECRET must be at least 32 characters long, got 23 characters');
  expect(attempt).not.toThrow(/hunter2/);
});
// #endregion secret-tests

test('production refuses the development secret even when it is set explicitly, without printing it', () => {
  const attempt = () => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: DEVELOPMENT_SESSION_SECRET });

  expect(attempt).toThrow('SESSION_SECRET must not be the development secret in production');
  expect(attempt).not.toThrow(DEVELOPMENT_SESSION_SECRET);
});

test('a SESSION_SECRET of 32 characters or more is accepted in production', () => {
  expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).sessionSecret).toBe('x'.repeat(32));
});

test.each(['many', '-1', '2.5', ''])('MAX_VISITOR_SESSIONS=%j is refused, naming the setting', (value) => {
  expect(() => loadConfig({ MAX_VISITOR_SESSIONS: value })).toThrow(`MAX_VISITOR_SESSIONS must be a whole number, at least 0, got ${JSON.stringify(value)}`);
});

test.each(['abc', '999', '-1000', '30d', ''])('SESSION_ABSOLUTE_MS=%j is refused, naming the setting', (value) => {
  expect(() => loadConfig({ SESSION_ABSOLUTE_MS: value })).toThrow(
    `SESSION_ABSOLUTE_MS must be a whole number of milliseconds, at least 1000, got ${JSON.stringify(value)}`,
  );
});

test.each(['abc', '999', '-1000', '1.5e6', ''])('SESSION_MAX_AGE_MS=%j is refused, naming the setting', (value) => {
  expect(() => loadConfig({ SESSION_MAX_AGE_MS: value })).toThrow(
    `SESSION_MAX_AGE_MS must be a whole number of milliseconds, at least 1000, got ${JSON.stringify(value)}`,
  );
});

test('one error lists every bad setting', () => {
  expect(() =>
    loadConfig({ PORT: 'x', NODE_ENV: 'staging', LOG_REQUESTS: 'maybe', DATABASE_PATH: '', SESSION_SECRET: 'short', SESSION_MAX_AGE_MS: 'soon' }),
  ).toThrow(
    [
      'Invalid configuration:',
      '  - PORT must be a whole number from 0 to 65535, got "x"',
      '  - NODE_ENV must be one of development, test, production, got "staging"',
      '  - LOG_REQUESTS must be "true" or "false", got "maybe"',
      '  - DATABASE_PATH must be a file path or :memory:, got ""',
      '  - SESSION_SECRET must be at least 32 characters long, got 5 characters',
      '  - SESSION_MAX_AGE_MS must be a whole number of milliseconds, at least 1000, got "soon"',
    ].join('\n'),
  );
});

test('in production, a missing secret is listed with the other problems', () => {
  expect(() => loadConfig({ NODE_ENV: 'production', PORT: 'x' })).toThrow(
    [
      'Invalid configuration:',
      '  - PORT must be a whole number from 0 to 65535, got "x"',
      '  - SESSION_SECRET is required in production: set it to a random string of at least 32 characters',
    ].join('\n'),
  );
});

// #region production-refusals
test('production refuses the memory store, a wildcard CORS origin and a missing secret, naming each setting', () => {
  expect(() => loadConfig({ NODE_ENV: 'production', SESSION_STORE: 'memory', CORS_ORIGINS: '*' })).toThrow(
    [
      'Invalid configuration:',
      '  - SESSION_STORE must be sqlite or redis in production: the memory store loses every session at a restart and is not shared between processes, got "memory"',
      '  - CORS_ORIGINS must not be * in production: list the origins of the sites allowed to call the API with a user\'s cookie, got "*"',
      '  - SESSION_SECRET is required in production: set it to a random string of at least 32 characters',
    ].join('\n'),
  );
});

test('outside production, SESSION_STORE=memory and CORS_ORIGINS=* are allowed, to compare and to try things', () => {
  const config = loadConfig({ SESSION_STORE: 'memory', CORS_ORIGINS: '*' });
  expect(config.sessionStore).toBe('memory');
  expect(config.corsOrigins).toEqual(['*']);
});
// #endregion production-refusals

test.each(['https://app.example.com/', 'app.example.com', 'ftp://app.example.com', 'https://app.example.com/path', 'null'])(
  'CORS_ORIGINS=%j is refused: an origin is a scheme, a host and a port',
  (value) => {
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(`CORS_ORIGINS must list origins like https://forum.example.com`);
  },
);

test.each([
  ['false', false],
  ['1', 1],
  ['2', 2],
  ['loopback', ['loopback']],
  ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
] as const)('TRUST_PROXY=%j becomes the trust proxy setting %j', (value, expected) => {
  expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
});

test.each(['true', 'yes', '-1', 'a b'])('TRUST_PROXY=%j is refused: trusting every proxy lets any client choose its address', (value) => {
  expect(() => loadConfig({ TRUST_PROXY: value })).toThrow('TRUST_PROXY must be false, the number of proxies in front of the app (e.g. 1), or their addresses');
});

test('a headers timeout longer than the request timeout is refused, naming HEADERS_TIMEOUT_MS', () => {
  expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '6000' })).toThrow('HEADERS_TIMEOUT_MS must not be more than REQUEST_TIMEOUT_MS (5000), got "6000"');
});

test.each(['LOGIN_RATE_LIMIT', 'API_RATE_LIMIT', 'REGISTER_RATE_LIMIT', 'LOGIN_ACCOUNT_RATE_LIMIT'])('%s=0 is refused: a limit of nothing locks everyone out', (name) => {
  expect(() => loadConfig({ [name]: '0' })).toThrow(`${name} must be a whole number, at least 1, got "0"`);
});
