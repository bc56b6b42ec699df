import express from 'express';
import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';
import { requestLogger, type RequestLoggerOptions } from '../src/middleware/request-logger.ts';

/**
 * An app whose one route takes 30 ms on a fake clock: the clock the logger
 * reads stands still, and the route moves it on, so the time in the line is
 * known exactly, however busy the machine is.
 */
function appWith(options: RequestLoggerOptions) {
  vi.useFakeTimers({ toFake: ['hrtime'] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
  const app = express();
  app.use(requestLogger(options));
  app.get('/slow', (_req, res) => {
    vi.advanceTimersByTime(30);
    res.status(201).json({ done: true });
  });
  return app;
}

test('writes one line with method, path, status and duration once the response is sent', async () => {
  const lines: string[] = [];

  await request(appWith({ log: (line) => lines.push(line) })).get('/slow');

  // The duration covers the route's 30 ms: it is measured when the response ends.
  expect(lines).toEqual(['GET /slow 201 30.0ms']);
});

test('leaves the query string out of the log', async () => {
  const lines: string[] = [];

  await request(appWith({ log: (line) => lines.push(line) })).get('/slow?token=secret');

  expect(lines[0]).toMatch(/^GET \/slow 201 /);
  expect(lines[0]).not.toContain('secret');
});

test('logs the full path when it is mounted under a prefix', async () => {
  const lines: string[] = [];
  const app = express();
  app.use('/api', requestLogger({ log: (line) => lines.push(line) }));
  app.get('/api/v1/ping', (_req, res) => {
    res.json({ message: 'pong' });
  });

  await request(app).get('/api/v1/ping');

  expect(lines).toEqual([expect.stringMatching(/^GET \/api\/v1\/ping 200 /)]);
});

test('writes to console.log when no log function is given', async () => {
  const consoleLog = vi.spyOn(console, 'log').mockImplementation(() => {});

  await request(appWith({})).get('/slow');

  expect(consoleLog).toHaveBeenCalledWith(expect.stringMatching(/^GET \/slow 201 /));
});

test('enabled: false writes nothing and still lets the request through', async () => {
  const log = vi.fn();

  const res = await request(appWith({ log, enabled: false })).get('/slow');

  expect(res.status).toBe(201);
  expect(log).not.toHaveBeenCalled();
});

test('refuses a log option that is not a function, naming the option', () => {
  expect(() => requestLogger({ log: 'stdout' as never })).toThrow(
    new TypeError('requestLogger(): option "log" must be a function, got string'),
  );
});

test('refuses an enabled option that is not a boolean, naming the option', () => {
  expect(() => requestLogger({ enabled: 'false' as never })).toThrow(
    new TypeError('requestLogger(): option "enabled" must be a boolean, got string'),
  );
});
