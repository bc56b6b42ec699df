// ../11-production/test/api/visitor-limit.test.ts has what a client sees; this test counts the
// sessions in the store.
import request from 'supertest';
import { expect, test } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { makeApp } from './helpers.ts';

// #region visitor-limit-test
test('requests without a cookie stop adding sessions once MAX_VISITOR_SESSIONS exist', async () => {
  const { app, store } = makeApp({ config: loadConfig({ NODE_ENV: 'test', MAX_VISITOR_SESSIONS: '3' }) });

  // A script that never sends a cookie back: each request is a new visitor.
  const answers = [];
  for (let i = 0; i < 10; i++) answers.push(await request(app).get('/api/v1/session'));

  expect(answers.map((res) => res.body.remembered)).toEqual([true, true, true, false, false, false, false, false, false, false]);
  expect(answers.slice(3).every((res) => res.headers['set-cookie'] === undefined)).toBe(true);
  expect(await new Promise((resolve) => store.length((_error, length) => resolve(length)))).toBe(3);
});
// #endregion visitor-limit-test
