// Small apps built inside the tests, each showing one rule of middleware.
import { requestLogger } from '@forum-lessons/middleware';
import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { expect, test, vi } from 'vitest';
import { loadNotice } from '../src/middleware/load-notice.ts';

// #region hang
test('a middleware that neither responds nor calls next() leaves the request hanging', async () => {
  const lines: string[] = [];
  const app = express();
  app.use(requestLogger({ log: (line) => lines.push(line) }));
  app.use((_req: Request, _res: Response, _next: NextFunction) => {
    // Forgot to call next(): the request stops here, and no one answers.
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // The client gives up after 200 ms; without a timeout it would wait for ever.
  await expect(request(app).get('/health').timeout(200)).rejects.toThrow(/Timeout of 200ms exceeded/);
  // The server only notices when the client hangs up.
  await vi.waitFor(() => expect(lines).toEqual([expect.stringMatching(/^GET \/health - \d+\.\dms aborted$/)]));
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

  const res = await request(app).get('/health').timeout(200);

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
