import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { expect, onTestFinished, test } from 'vitest';
import { createApp } from './forgot-to-respond.ts';

// #region test
test('a handler that never responds leaves the request hanging', async () => {
  // A middleware in front of the app hands the test the request and the
  // response once the app has run, that is, once the route's handler was called.
  let reached!: (exchange: { req: Request; res: Response }) => void;
  const handled = new Promise<{ req: Request; res: Response }>((resolve) => (reached = resolve));
  const outer = express();
  outer.use((req, res, next) => {
    next();
    reached({ req, res });
  });
  outer.use(createApp());
  const server = outer.listen(0);
  onTestFinished(() => {
    server.close();
  });
  await once(server, 'listening');

  const client = new AbortController();
  const answer = fetch(`http://localhost:${(server.address() as AddressInfo).port}/api/v1/ping`, { signal: client.signal });
  const { req, res } = await handled;
  // Give the app every chance to answer: let the event loop run a few turns.
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));

  // The route matched and its handler ran, yet no answer was even started.
  expect(req.route?.path).toBe('/api/v1/ping');
  expect(res.headersSent).toBe(false);
  expect(res.writableEnded).toBe(false);

  // A real client would wait for minutes. This one gives up and hangs up.
  const closed = once(res, 'close');
  client.abort();
  await expect(answer).rejects.toThrow('This operation was aborted');
  await closed;
  expect(res.writableEnded).toBe(false);
});
// #endregion test
