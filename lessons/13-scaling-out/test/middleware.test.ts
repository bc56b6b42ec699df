// Small apps built inside the tests, each showing one rule of middleware.
import { requestLogger } from '@forum-lessons/middleware';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';
import { loadNotice } from '../src/middleware/load-notice.ts';

/** Starts `app` on a free port until the test ends, and returns its URL. */
async function listen(app: Express): Promise<string> {
  const server = app.listen(0);
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// #region hang
test('a middleware that neither responds nor calls next() leaves the request hanging', async () => {
  const lines: string[] = [];
  const route = vi.fn();
  let arrived!: (res: Response) => void;
  const stuck = new Promise<Response>((resolve) => (arrived = resolve));
  const app = express();
  app.use(requestLogger({ log: (line) => lines.push(line) }));
  app.use((_req: Request, res: Response, _next: NextFunction) => {
    arrived(res);
    // Forgot to call next(): the request stops here, and no one answers.
  });
  app.get('/health', route);

  const client = new AbortController();
  const answer = fetch(`${await listen(app)}/health`, { signal: client.signal });
  const res = await stuck;
  // Give the server every chance to move on: let the event loop run a few turns.
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));

  // Nothing happened: no answer was started, the route never ran, nothing was logged.
  expect(res.headersSent).toBe(false);
  expect(res.writableEnded).toBe(false);
  expect(route).not.toHaveBeenCalled();
  expect(lines).toEqual([]);

  // A real client waits for minutes. This one gives up and hangs up...
  const closed = once(res, 'close');
  client.abort();
  await expect(answer).rejects.toThrow('This operation was aborted');
  await closed;
  // ...and only then does the server notice: the log line ends in `aborted`.
  expect(lines).toEqual([expect.stringMatching(/^GET \/health - \d+\.\dms aborted$/)]);
});
// #endregion hang

test('the same middleware with next() lets the request through', async () => {
  const app = express();
  app.use((_req: Request, _res: Response, next: NextFunction) => {
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const res = await request(app).get('/health');

  expect(res.status).toBe(200);
});

// #region order
test('order matters: a logger registered after the routes never sees the requests they answer', async () => {
  const lines: string[] = [];
  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Too late for /health: its handler responded and did not call next().
  app.use(requestLogger({ log: (line) => lines.push(line) }));

  await request(app).get('/health');
  await request(app).get('/nope');

  // Only the unmatched request fell through to the logger.
  expect(lines).toEqual([expect.stringMatching(/^GET \/nope 404 /)]);
});
// #endregion order

test('order matters: middleware runs in the order app.use registered it', async () => {
  const seen: string[] = [];
  const app = express();
  app.use((_req: Request, _res: Response, next: NextFunction) => {
    seen.push('first');
    next();
  });
  app.use((_req: Request, _res: Response, next: NextFunction) => {
    seen.push('second');
    next();
  });
  app.get('/health', (_req, res) => {
    seen.push('handler');
    res.json({ status: 'ok' });
  });

  await request(app).get('/health');

  expect(seen).toEqual(['first', 'second', 'handler']);
});

test('a loader that rejects skips the remaining handlers: Express 5 passes the rejection to next()', async () => {
  const handler = vi.fn();
  const app = express();
  app.get(
    '/notice',
    loadNotice(async () => {
      throw new Error('notice.json is missing');
    }),
    handler,
  );

  const res = await request(app).get('/notice');

  expect(res.status).toBe(500);
  expect(handler).not.toHaveBeenCalled();
});

test('loadNotice leaves the notice on res.locals for the next handler', async () => {
  const app = express();
  app.get(
    '/notice',
    loadNotice(async () => ({ message: 'hello', updatedAt: '2025-01-01T00:00:00.000Z' })),
    (_req, res) => {
      res.json({ fromLocals: res.locals.notice });
    },
  );

  const res = await request(app).get('/notice');

  expect(res.body).toEqual({ fromLocals: { message: 'hello', updatedAt: '2025-01-01T00:00:00.000Z' } });
});
