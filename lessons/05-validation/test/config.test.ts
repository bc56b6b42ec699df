import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { loadConfig } from '../src/config.ts';

const lessonDir = fileURLToPath(new URL('..', import.meta.url));

test('defaults: PORT 3000, NODE_ENV development, request logging on, forum.db in the lesson folder', () => {
  expect(loadConfig({})).toEqual({
    port: 3000,
    nodeEnv: 'development',
    logRequests: true,
    databasePath: join(lessonDir, 'forum.db'),
  });
});

test('reads every setting from the environment', () => {
  const databasePath = join(tmpdir(), 'forum.db');
  expect(loadConfig({ PORT: '8080', NODE_ENV: 'production', LOG_REQUESTS: 'false', DATABASE_PATH: databasePath })).toEqual({
    port: 8080,
    nodeEnv: 'production',
    logRequests: false,
    databasePath,
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

test('one error lists every bad setting', () => {
  expect(() => loadConfig({ PORT: 'x', NODE_ENV: 'staging', LOG_REQUESTS: 'maybe', DATABASE_PATH: '' })).toThrow(
    [
      'Invalid configuration:',
      '  - PORT must be a whole number from 0 to 65535, got "x"',
      '  - NODE_ENV must be one of development, test, production, got "staging"',
      '  - LOG_REQUESTS must be "true" or "false", got "maybe"',
      '  - DATABASE_PATH must be a file path or :memory:, got ""',
    ].join('\n'),
  );
});
