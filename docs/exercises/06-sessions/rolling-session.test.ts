import request from 'supertest';
import { expect, test } from 'vitest';
import { createSessionRouter } from '../../../lessons/06-sessions/src/routes/session.ts';
import { appWith, config, sessionCookie } from './helpers.ts';
import { rollingSessionMiddleware } from './rolling-session.ts';

function expiresOf(setCookie: string[] | string | undefined): number {
  return Date.parse(/Expires=([^;]+)/.exec([setCookie ?? []].flat()[0]!)![1]!);
}

test('without rolling, a request that does not change the session gets no new cookie', async () => {
  const app = appWith(createSessionRouter());
  const visit = await request(app).get('/api/v1/session');

  const res = await request(app).get('/health').set('Cookie', sessionCookie(visit.headers['set-cookie'])!);

  expect(res.headers['set-cookie']).toBeUndefined();
});

test('with rolling, every answer to a session moves the cookie expiry forward', async () => {
  const app = appWith(createSessionRouter(), (store) => rollingSessionMiddleware(config, store));
  const visit = await request(app).get('/api/v1/session');
  await new Promise((resolve) => setTimeout(resolve, 1100));

  const res = await request(app).get('/health').set('Cookie', sessionCookie(visit.headers['set-cookie'])!);

  expect(sessionCookie(res.headers['set-cookie'])).toBe(sessionCookie(visit.headers['set-cookie']));
  expect(expiresOf(res.headers['set-cookie'])).toBeGreaterThan(expiresOf(visit.headers['set-cookie']));
});

test('with rolling, a visitor without a session still gets no cookie', async () => {
  const app = appWith(createSessionRouter(), (store) => rollingSessionMiddleware(config, store));

  const res = await request(app).get('/health');

  expect(res.headers['set-cookie']).toBeUndefined();
});
