import { expect, test } from 'vitest';
import { problem, PROBLEM_CONTENT_TYPE } from '../src/index.ts';

test('problem() fills type and title from the status', () => {
  expect(problem(404, 'Post not found')).toEqual({
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: 'Post not found',
  });
});

test('problem() merges extension members', () => {
  expect(problem(429, 'Slow down', { instance: '/login', retryAfter: 60 })).toEqual({
    type: 'about:blank',
    title: 'Too Many Requests',
    status: 429,
    detail: 'Slow down',
    instance: '/login',
    retryAfter: 60,
  });
});

test('problem() gives an unknown status the title "Error"', () => {
  expect(problem(499, 'Client closed').title).toBe('Error');
});

test.each([200, 399, 600, 404.5, Number.NaN])('problem(%s) is refused', (status) => {
  expect(() => problem(status, 'x')).toThrow(TypeError);
  expect(() => problem(status, 'x')).toThrow(/status must be an integer from 400 to 599/);
});

test('problem() refuses a detail that is not a string', () => {
  expect(() => problem(400, 42 as unknown as string)).toThrow(new TypeError('problem(): detail must be a string, got number'));
});

test('PROBLEM_CONTENT_TYPE is the RFC 9457 media type', () => {
  expect(PROBLEM_CONTENT_TYPE).toBe('application/problem+json');
});
