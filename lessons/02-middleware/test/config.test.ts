import { expect, test } from 'vitest';
import { loadConfig } from '../src/config.ts';

test('defaults: PORT 3000, NODE_ENV development, request logging on', () => {
  expect(loadConfig({})).toEqual({ port: 3000, nodeEnv: 'development', logRequests: true });
});

test('reads every setting from the environment', () => {
  expect(loadConfig({ PORT: '8080', NODE_ENV: 'production', LOG_REQUESTS: 'false' })).toEqual({
    port: 8080,
    nodeEnv: 'production',
    logRequests: false,
  });
});

test('PORT=0 is allowed and means any free port', () => {
  expect(loadConfig({ PORT: '0' }).port).toBe(0);
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
  expect(() => loadConfig({ PORT: 'x', NODE_ENV: 'staging', LOG_REQUESTS: 'maybe' })).toThrow(
    [
      'Invalid configuration:',
      '  - PORT must be a whole number from 0 to 65535, got "x"',
      '  - NODE_ENV must be one of development, test, production, got "staging"',
      '  - LOG_REQUESTS must be "true" or "false", got "maybe"',
    ].join('\n'),
  );
});
