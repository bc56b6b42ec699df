import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { sessionCookie } from './helpers.ts';

test('the first visit answers visits 1 and sets the session cookie', async () => {
  const { app } = makeApi();
  const before = Date.now();

  const res = await request(app).get('/api/v1/session');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ visits: 1, firstVisitAt: expect.any(String), remembered: true });
  expect(Date.parse(res.body.firstVisitAt)).toBeGreaterThanOrEqual(before - 1000);
  expect(sessionCookie(res.headers['set-cookie'])).toMatch(/^forum\.sid=s%3A/);
});

// #region cookie-test
test('the cookie is HttpOnly, SameSite=Lax, for the whole site, and expires after SESSION_MAX_AGE_MS', async () => {
  const { app } = makeApi({ SESSION_MAX_AGE_MS: '3600000' });

  const res = await request(app).get('/api/v1/session');

  const cookie = res.headers['set-cookie']![0]!;
  const attributes = cookie.split('; ').slice(1);
  expect(attributes).toEqual(['Path=/', expect.stringMatching(/^Expires=/), 'HttpOnly', 'SameSite=Lax']);
  const expires = Date.parse(attributes[1]!.slice('Expires='.length));
  expect(expires - Date.now()).toBeGreaterThan(3_590_000);
  expect(expires - Date.now()).toBeLessThanOrEqual(3_600_000);
});
// #endregion cookie-test

test('sending the cookie back counts on: the session remembers its visits', async () => {
  const { app } = makeApi();
  const first = await request(app).get('/api/v1/session');
  const cookie = sessionCookie(first.headers['set-cookie']);

  await request(app).get('/api/v1/session').set('Cookie', cookie);
  const third = await request(app).get('/api/v1/session').set('Cookie', cookie);

  expect(third.body).toEqual({ visits: 3, firstVisitAt: first.body.firstVisitAt, remembered: true });
});

test('two clients have two sessions, each with its own count', async () => {
  const { app } = makeApi();
  const ada = request.agent(app);
  const grace = request.agent(app);

  await ada.get('/api/v1/session');
  await ada.get('/api/v1/session');
  const res = await grace.get('/api/v1/session');

  expect(res.body.visits).toBe(1);
  expect((await ada.get('/api/v1/session')).body.visits).toBe(3);
});

test('a cookie whose signature does not match is ignored: a new session starts', async () => {
  const { app } = makeApi();
  const first = await request(app).get('/api/v1/session');
  await request(app).get('/api/v1/session').set('Cookie', sessionCookie(first.headers['set-cookie']));
  // Keep the session id, change the signature after the dot.
  const forged = sessionCookie(first.headers['set-cookie']).replace(/\.[^.]+$/, '.forged');

  const res = await request(app).get('/api/v1/session').set('Cookie', forged);

  expect(res.status).toBe(200);
  expect(res.body.visits).toBe(1);
});

test('a cookie signed with another secret is ignored', async () => {
  const first = await request(makeApi().app).get('/api/v1/session');
  const other = makeApi({ SESSION_SECRET: 'another-secret-of-at-least-32-characters' });

  const res = await request(other.app).get('/api/v1/session').set('Cookie', sessionCookie(first.headers['set-cookie']));

  expect(res.body.visits).toBe(1);
});

test('in production the cookie is Secure, so it is not sent over plain HTTP', async () => {
  const { app } = makeApi({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-32-characters-or-more' });

  const res = await request(app).get('/api/v1/session');

  // express-session refuses to set a Secure cookie on an HTTP request. Behind
  // an HTTPS proxy, lesson 11 sets `trust proxy` so Express sees the HTTPS.
  expect(res.status).toBe(200);
  expect(res.headers['set-cookie']).toBeUndefined();
  // The client has no cookie to send back, so every visit is its first.
  expect((await request(app).get('/api/v1/session')).body.visits).toBe(1);
});
