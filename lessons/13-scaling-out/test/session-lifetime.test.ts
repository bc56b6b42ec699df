import request from 'supertest';
import { expect, test } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { ada, loggedInAgent, makeApp } from './helpers.ts';

const HOUR = 60 * 60 * 1000;

/** A clock that moves only when the test moves it. */
function testClock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

// #region absolute-lifetime-test
test('a login ends SESSION_ABSOLUTE_MS after it began, even for a cookie that never stops polling', async () => {
  const clock = testClock();
  const { app, store } = makeApp({
    config: loadConfig({ NODE_ENV: 'test', SESSION_ABSOLUTE_MS: String(24 * HOUR) }),
    now: clock.now,
  });
  const agent = await loggedInAgent(app, ada);

  // A stolen cookie, used every hour: each request touches the session, so
  // the idle timeout (SESSION_MAX_AGE_MS) never runs out.
  for (let hour = 1; hour < 24; hour++) {
    clock.advance(HOUR);
    await agent.get('/api/v1/auth/me').expect(200);
  }
  clock.advance(HOUR);
  const res = await agent.get('/api/v1/auth/me');

  expect(res.status).toBe(401);
  // The logged-in session is gone from the store, not only refused.
  const sessions = await new Promise<object>((resolve) => store.all((_error, all) => resolve(all ?? {})));
  expect(Object.values(sessions).filter((session) => 'userId' in session)).toEqual([]);
});
// #endregion absolute-lifetime-test

test('logging in again starts a new absolute lifetime', async () => {
  const clock = testClock();
  const { app } = makeApp({ config: loadConfig({ NODE_ENV: 'test', SESSION_ABSOLUTE_MS: String(HOUR) }), now: clock.now });
  const agent = await loggedInAgent(app, ada);

  clock.advance(HOUR);
  await agent.get('/api/v1/auth/me').expect(401);
  await agent.post('/api/v1/auth/login').send({ email: ada.email, password: ada.password }).expect(200);

  await agent.get('/api/v1/auth/me').expect(200);
  clock.advance(HOUR - 1);
  await agent.get('/api/v1/auth/me').expect(200);
});

test('the absolute lifetime does not touch sessions without a login', async () => {
  const clock = testClock();
  const { app } = makeApp({ config: loadConfig({ NODE_ENV: 'test', SESSION_ABSOLUTE_MS: '1000' }), now: clock.now });
  const visitor = request.agent(app);
  await visitor.get('/api/v1/session').expect(200);

  clock.advance(10 * HOUR);
  const res = await visitor.get('/api/v1/session');

  expect(res.body.visits).toBe(2);
});
