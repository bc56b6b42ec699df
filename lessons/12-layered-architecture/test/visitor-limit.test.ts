import request from 'supertest';
import { expect, test } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { makeApp, sessionCookie } from './helpers.ts';

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

test('a visitor who is remembered goes on counting when the limit is reached', async () => {
  const { app } = makeApp({ config: loadConfig({ NODE_ENV: 'test', MAX_VISITOR_SESSIONS: '1' }) });
  const first = await request(app).get('/api/v1/session');
  const cookie = sessionCookie(first.headers['set-cookie']);

  const newcomer = await request(app).get('/api/v1/session');
  const again = await request(app).get('/api/v1/session').set('Cookie', cookie);

  expect(newcomer.body).toMatchObject({ visits: 1, remembered: false });
  expect(again.body).toMatchObject({ visits: 2, remembered: true });
});

test('MAX_VISITOR_SESSIONS=0 remembers no visitor, and still answers', async () => {
  const { app } = makeApp({ config: loadConfig({ NODE_ENV: 'test', MAX_VISITOR_SESSIONS: '0' }) });

  const res = await request(app).get('/api/v1/session');

  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ visits: 1, remembered: false });
  expect(res.headers['set-cookie']).toBeUndefined();
});
