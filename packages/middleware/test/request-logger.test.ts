import { once } from 'node:events';
import express, { type Response } from 'express';
import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';
import { requestId, requestLogger, type RequestLogEntry, type RequestLoggerOptions } from '../src/index.ts';
import { appWith, deferred, drainEventLoop, listen, startGet } from './helpers.ts';

function loggedApp(options: RequestLoggerOptions = {}) {
  const lines: string[] = [];
  const entries: RequestLogEntry[] = [];
  const neverEntered = deferred<Response>();
  const { app } = appWith((app) => {
    app.use(requestId({ generate: () => 'req-1' }));
    app.use(
      requestLogger({
        log: (line, entry) => {
          lines.push(line);
          entries.push(entry);
        },
        ...options,
      }),
    );
    app.get('/posts', (_req, res) => res.json([]));
    app.post('/posts', express.json(), (_req, res) => res.status(201).json({ id: 1 }));
    app.get('/health', (_req, res) => res.json({ status: 'ok' }));
    app.get('/slow', (_req, res) => {
      // The test that calls /slow fakes the logger's clock: by that clock,
      // this handler takes 30 ms.
      vi.advanceTimersByTime(30);
      res.json({ done: true });
    });
    app.get('/never', (_req, res) => {
      // Answers nothing: the client will give up.
      neverEntered.resolve(res);
    });
    app.use('/api/v1', express.Router().get('/users', (_req, res) => res.json([])));
  });
  return { app, lines, entries, neverEntered: neverEntered.promise };
}

test('writes one line per request: method, path, status, duration and request id', async () => {
  const { app, lines, entries } = loggedApp();

  await request(app).get('/posts');

  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^GET \/posts 200 \d+\.\dms id=req-1$/);
  expect(entries[0]).toEqual({
    method: 'GET',
    path: '/posts',
    status: 200,
    durationMs: expect.any(Number),
    requestId: 'req-1',
    aborted: false,
  });
});

test('the query string is left out of the path', async () => {
  const { app, entries } = loggedApp();

  await request(app).get('/posts?token=secret&page=2');

  expect(entries[0]!.path).toBe('/posts');
});

test('the path is the full path even inside a mounted router', async () => {
  const { app, entries } = loggedApp();

  await request(app).get('/api/v1/users');

  expect(entries[0]!.path).toBe('/api/v1/users');
});

test('error answers are logged with their status', async () => {
  const { app, lines } = loggedApp();

  await request(app).get('/nope');
  await request(app).post('/posts').set('Content-Type', 'application/json').send('{bad');

  expect(lines[0]).toMatch(/^GET \/nope 404 /);
  expect(lines[1]).toMatch(/^POST \/posts 400 /);
});

test('the duration runs from the logger to the end of the response', async () => {
  // Only process.hrtime is faked: timers and I/O run as usual.
  vi.useFakeTimers({ toFake: ['hrtime'] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
  const { app, lines, entries } = loggedApp();

  await request(app).get('/slow');

  expect(entries[0]!.durationMs).toBe(30);
  expect(lines[0]).toBe('GET /slow 200 30.0ms id=req-1');
});

test('a request the client gave up on is logged as aborted, without a status', async () => {
  const { app, lines, entries, neverEntered } = loggedApp();
  const server = await listen(app);

  const client = startGet(server, '/never');
  const res = await neverEntered;
  await drainEventLoop();
  expect(entries).toEqual([]);

  const closed = once(res, 'close');
  expect(await client.abort()).toMatchObject({ name: 'AbortError' });
  await closed;

  // The logger listened for 'close' before the test did, so it has written its line.
  expect(entries).toEqual([
    { method: 'GET', path: '/never', durationMs: expect.any(Number), requestId: 'req-1', aborted: true },
  ]);
  expect(lines[0]).toMatch(/^GET \/never - \d+\.\dms aborted id=req-1$/);
});

test('skip leaves requests out, and can look at the status', async () => {
  const { app, lines } = loggedApp({ skip: (req, res) => req.path === '/health' || res.statusCode === 404 });

  await request(app).get('/health');
  await request(app).get('/nope');
  await request(app).get('/posts');

  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^GET \/posts 200/);
});

test('format replaces the line', async () => {
  const { app, lines } = loggedApp({ format: (e) => JSON.stringify({ m: e.method, s: e.status }) });

  await request(app).post('/posts').send({});

  expect(lines).toEqual(['{"m":"POST","s":201}']);
});

test('enabled: false writes nothing and lets the request through', async () => {
  const { app, lines } = loggedApp({ enabled: false });

  const res = await request(app).get('/posts');

  expect(res.status).toBe(200);
  expect(lines).toEqual([]);
});

test('without requestId() the line has no id', async () => {
  const lines: string[] = [];
  const app = express();
  app.use(requestLogger({ log: (line) => lines.push(line) }));
  app.get('/', (_req, res) => res.send('hi'));

  await request(app).get('/');

  expect(lines[0]).toMatch(/^GET \/ 200 \d+\.\dms$/);
});

test('by default each line goes to console.log', async () => {
  const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
  const app = express();
  app.use(requestLogger());
  app.get('/', (_req, res) => res.send('hi'));

  await request(app).get('/');

  expect(spy).toHaveBeenCalledTimes(1);
  expect(spy.mock.calls[0]![0]).toMatch(/^GET \/ 200 \d+\.\dms$/);
});
