import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { makeApp, notice, problemFor } from './helpers.ts';

// supertest hands the app to an ephemeral in-process server: no port to pick,
// nothing left listening when the test ends. makeApp() (in helpers.ts) gives
// each test its own app and its own in-memory database.
//
// What a client sees is tested in ../11-production/test/api/app.test.ts. These tests stop the
// clock, pass a notice loader of their own, or read the log.

test('GET /api/v1/ping answers pong with the server time', async () => {
  // Stop the clock at a known time. Only Date is faked: the network runs as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-01-01T12:00:00.000Z'));
  onTestFinished(() => {
    vi.useRealTimers();
  });

  const res = await request(makeApp().app).get('/api/v1/ping');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ message: 'pong', time: '2025-01-01T12:00:00.000Z', method: 'GET' });
});

test('the notice is loaded again for every request, so an edit shows without a restart', async () => {
  let message = 'first';
  const readNotice = vi.fn(async () => ({ message, updatedAt: notice.updatedAt }));
  const { app } = makeApp({ readNotice });

  expect((await request(app).get('/api/v1/notice')).body.message).toBe('first');
  message = 'second';
  expect((await request(app).get('/api/v1/notice')).body.message).toBe('second');
  expect(readNotice).toHaveBeenCalledTimes(2);
});

test('the notice is loaded only for the route that asks for it', async () => {
  const readNotice = vi.fn(async () => notice);
  const { app } = makeApp({ readNotice });

  await request(app).get('/health');
  await request(app).get('/api/v1/ping');

  expect(readNotice).not.toHaveBeenCalled();
});

test('every request is logged, including the ones no route answers', async () => {
  const { app, requests } = makeApp();

  await request(app).get('/health');
  await request(app).get('/api/v1/ping?verbose=1');
  await request(app).get('/api/v1/nope');

  // One JSON entry each: the request, the status and how long it took.
  expect(requests).toHaveLength(3);
  expect(requests[0]).toMatchObject({ level: 30, msg: 'GET /health 200', req: { method: 'GET', url: '/health' }, res: { statusCode: 200 } });
  expect(requests[0]!.responseTime).toEqual(expect.any(Number));
  expect((requests[0]!.req as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
  expect(requests[1]).toMatchObject({ msg: 'GET /api/v1/ping?verbose=1 200' });
  // A 4xx is logged as a warning (40), a 5xx as an error (50).
  expect(requests[2]).toMatchObject({ level: 40, msg: 'GET /api/v1/nope 404' });
});

test('LOG_REQUESTS=false turns the request log off', async () => {
  const { app, logs } = makeApp({ env: { LOG_REQUESTS: 'false' } });

  await request(app).get('/health');

  expect(logs).toEqual([]);
});

test('a notice that fails to load becomes a 500 and the route handler never runs', async () => {
  const { app, requests, errors } = makeApp({
    readNotice: async () => {
      throw new Error('notice.json is missing');
    },
  });

  const res = await request(app).get('/api/v1/notice');

  expect(res.status).toBe(500);
  expect(res.body).toEqual(problemFor(500, 'Internal Server Error', 'Something went wrong on our side.', '/api/v1/notice'));
  expect(requests).toEqual([expect.objectContaining({ level: 50, msg: 'GET /api/v1/notice 500' })]);
  expect(errors).toHaveLength(1);
});

// #region no-leak-500
test.each(['production', 'development'])(
  'with NODE_ENV=%s a 500 tells the client nothing and logs the error with its request id',
  async (nodeEnv) => {
    const failure = new Error('EACCES: permission denied, open /srv/forum/notice.json');
    const { app, errors } = makeApp({
      env: { NODE_ENV: nodeEnv, SESSION_SECRET: 'x'.repeat(32) },
      readNotice: async () => {
        throw failure;
      },
    });

    const res = await request(app).get('/api/v1/notice');

    expect(res.status).toBe(500);
    expect(res.body.detail).toBe('Something went wrong on our side.');
    expect(res.text).not.toContain('EACCES');
    expect(res.text).not.toContain('/srv/forum');
    expect(res.text).not.toMatch(/at .*\.ts/);
    // The whole error, stack included, goes to the log.
    expect(errors).toEqual([
      expect.objectContaining({ level: 50, status: 500, method: 'GET', path: '/api/v1/notice', err: expect.objectContaining({ message: failure.message, stack: failure.stack }) }),
    ]);
    expect(errors[0]!.requestId).toBe(res.headers['x-request-id']);
  },
);
// #endregion no-leak-500

test('every answer carries an X-Request-Id, and a sane incoming one is kept', async () => {
  const { app, requests } = makeApp();

  const fresh = await request(app).get('/health');
  const given = await request(app).get('/health').set('X-Request-Id', 'trace-42');

  expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(given.headers['x-request-id']).toBe('trace-42');
  expect(requests[1]).toMatchObject({ req: { id: 'trace-42' } });
});

test('each call to createApp() returns an independent app', () => {
  expect(makeApp().app).not.toBe(makeApp().app);
});
