import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';
import { createApp, type AppDeps } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Notice } from '../src/notice.ts';

// supertest hands the app to an ephemeral in-process server: no port to pick,
// nothing left listening when the test ends.

const notice: Notice = { message: 'Welcome to the forum.', updatedAt: '2025-01-01T00:00:00.000Z' };

// #region make-app
/** A fresh app whose request log goes into `lines` instead of the console. */
function makeApp(overrides: Partial<AppDeps> = {}) {
  const lines: string[] = [];
  const app = createApp({
    config: loadConfig({ NODE_ENV: 'test' }),
    log: (line) => lines.push(line),
    readNotice: async () => notice,
    ...overrides,
  });
  return { app, lines };
}
// #endregion make-app

// #region first-test
test('GET /health answers 200 with { status: "ok" }', async () => {
  const res = await request(makeApp().app).get('/health');

  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({ status: 'ok' });
});
// #endregion first-test

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

test('GET /api/v1/notice answers the notice the loader returned', async () => {
  const res = await request(makeApp().app).get('/api/v1/notice');

  expect(res.status).toBe(200);
  expect(res.body).toEqual(notice);
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
  const { app, lines } = makeApp();

  await request(app).get('/health');
  await request(app).get('/api/v1/ping?verbose=1');
  await request(app).get('/api/v1/nope');

  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^GET \/health 200 \d+\.\dms$/);
  expect(lines[1]).toMatch(/^GET \/api\/v1\/ping 200 /);
  expect(lines[2]).toMatch(/^GET \/api\/v1\/nope 404 /);
});

test('LOG_REQUESTS=false turns the request log off', async () => {
  const { app, lines } = makeApp({ config: loadConfig({ NODE_ENV: 'test', LOG_REQUESTS: 'false' }) });

  await request(app).get('/health');

  expect(lines).toEqual([]);
});

test('a notice that fails to load becomes a 500 and the route handler never runs', async () => {
  const { app, lines } = makeApp({
    readNotice: async () => {
      throw new Error('notice.json is missing');
    },
  });

  const res = await request(app).get('/api/v1/notice');

  expect(res.status).toBe(500);
  // Express's default error handler answers HTML, not the notice's JSON.
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(lines).toEqual([expect.stringMatching(/^GET \/api\/v1\/notice 500 /)]);
});

// Outside NODE_ENV=test, Express's default error handler also prints the
// error with console.error, right after the response is sent. These two tests
// wait for that line, check it, and clear it so the shared "no unexpected
// console.error" check stays quiet.
async function expectExpressToLogOnce(consoleError: ReturnType<typeof vi.spyOn>, message: string) {
  await vi.waitFor(() => expect(consoleError).toHaveBeenCalledTimes(1));
  expect(String(consoleError.mock.calls[0]![0])).toContain(message);
  consoleError.mockClear();
}

// #region production-500
test('with NODE_ENV=production the 500 page hides the error and its stack trace', async () => {
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
  const { app } = makeApp({
    config: loadConfig({ NODE_ENV: 'production' }),
    readNotice: async () => {
      throw new Error('EACCES: permission denied, open /srv/forum/notice.json');
    },
  });

  const res = await request(app).get('/api/v1/notice');

  expect(res.status).toBe(500);
  expect(res.text).toContain('Internal Server Error');
  expect(res.text).not.toContain('EACCES');
  expect(res.text).not.toContain('/srv/forum');
  expect(res.text).not.toMatch(/at .*\.ts/);
  await expectExpressToLogOnce(consoleError, 'EACCES');
});
// #endregion production-500

test('with NODE_ENV=development the 500 page shows the stack trace: never run production like this', async () => {
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
  const { app } = makeApp({
    config: loadConfig({ NODE_ENV: 'development' }),
    readNotice: async () => {
      throw new Error('EACCES: permission denied, open /srv/forum/notice.json');
    },
  });

  const res = await request(app).get('/api/v1/notice');

  expect(res.status).toBe(500);
  expect(res.text).toContain('EACCES: permission denied');
  expect(res.text).toMatch(/at .*app\.test\.ts/);
  await expectExpressToLogOnce(consoleError, 'EACCES');
});

test('HEAD /health answers 200 with no body', async () => {
  const res = await request(makeApp().app).head('/health');

  expect(res.status).toBe(200);
  expect(res.text).toBeUndefined();
});

test('does not advertise Express in X-Powered-By', async () => {
  const res = await request(makeApp().app).get('/health');

  expect(res.headers['x-powered-by']).toBeUndefined();
});

test('an unknown path answers 404', async () => {
  const res = await request(makeApp().app).get('/api/v1/nope');

  expect(res.status).toBe(404);
});

test('a method the route does not handle answers 404', async () => {
  const res = await request(makeApp().app).post('/health');

  expect(res.status).toBe(404);
});

test('each call to createApp() returns an independent app', () => {
  expect(makeApp().app).not.toBe(makeApp().app);
});
