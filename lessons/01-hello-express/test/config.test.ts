import { expect, test } from 'vitest';
import { loadConfig } from '../src/config.ts';

test('PORT defaults to 3000', () => {
  expect(loadConfig({})).toEqual({ port: 3000 });
});

test('PORT is read from the environment', () => {
  expect(loadConfig({ PORT: '8080' })).toEqual({ port: 8080 });
});

test('PORT=0 is allowed and means any free port', () => {
  expect(loadConfig({ PORT: '0' })).toEqual({ port: 0 });
});

test.each(['abc', '-1', '3.5', '70000', ''])('PORT=%j is refused with a message naming PORT', (value) => {
  expect(() => loadConfig({ PORT: value })).toThrow(/PORT must be a whole number/);
});
