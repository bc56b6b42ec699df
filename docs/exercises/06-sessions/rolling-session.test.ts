import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';
import { createSessionRouter } from '../../../lessons/06-sessions/src/routes/session.ts';
import { appWith, config, sessionCookie } from './helpers.ts';
import { rollingSessionMiddleware } from './rolling-session.ts';

function expiresOf(setCookie: string[] | string | undefined): number {
  return Date.parse(/Expires=([^;]+)/.exec([setCookie ?? []].flat()[0]!)![1]!);
}

/**
 * A fake Date that moves only when the test moves it: no waiting, however busy
 * the machine. Timers, the network and the database run as usual.
 */
function fakeDate(start: number): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start);
  onTestFinished(() => {
    vi.useRealTimers();
  });
}

const HOUR = 60 * 60 * 1000;

test('without rolling, a request that does not change the session gets no new cookie', async () => {
  const app = appWith(createSessionRouter);
  const visit = await request(app).get('/api/v1/session');

  const res = await request(app).get('/health').set('Cookie', sessionCookie(visit.headers['set-cookie'])!);

  expect(res.headers['set-cookie']).toBeUndefined();
});

test('with rolling, every answer to a session moves the cookie expiry forward', async () => {
  const start = Date.parse('2026-01-01T00:00:00Z');
  fakeDate(start);
  const app = appWith(createSessionRouter, (store) => rollingSessionMiddleware(config, store));
  const visit = await request(app).get('/api/v1/session');
  // An hour of reading later.
  vi.setSystemTime(start + HOUR);

  const res = await request(app).get('/health').set('Cookie', sessionCookie(visit.headers['set-cookie'])!);

  expect(sessionCookie(res.headers['set-cookie'])).toBe(sessionCookie(visit.headers['set-cookie']));
  // The first cookie expired maxAge after the visit; the new one, maxAge after this request.
  expect(expiresOf(visit.headers['set-cookie'])).toBe(start + config.sessionMaxAgeMs);
  expect(expiresOf(res.headers['set-cookie'])).toBe(start + HOUR + config.sessionMaxAgeMs);
});

test('with rolling, a visitor without a session still gets no cookie', async () => {
  const app = appWith(createSessionRouter, (store) => rollingSessionMiddleware(config, store));

  const res = await request(app).get('/health');

  expect(res.headers['set-cookie']).toBeUndefined();
});
