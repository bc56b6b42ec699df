import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { expect, onTestFinished, test } from 'vitest';
import { createApp } from './factory-not-called.ts';

test('mounting the factory itself makes every request hang', async () => {
  const lines: string[] = [];
  // A middleware in front of the app hands the test the request and the
  // response once the app has run: once the mounted factory was called.
  let reached!: (exchange: { req: Request; res: Response }) => void;
  const handled = new Promise<{ req: Request; res: Response }>((resolve) => (reached = resolve));
  const outer = express();
  outer.use((req, res, next) => {
    next();
    reached({ req, res });
  });
  outer.use(createApp(lines));
  const server = outer.listen(0);
  onTestFinished(() => {
    server.close();
  });
  await once(server, 'listening');

  const client = new AbortController();
  const answer = fetch(`http://localhost:${(server.address() as AddressInfo).port}/health`, { signal: client.signal });
  const { req, res } = await handled;
  // Give the app every chance to move on: let the event loop run a few turns.
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));

  // The factory built a middleware and returned it; nobody called next().
  // The /health route was never reached, no answer was started, nothing was logged.
  expect(req.route).toBeUndefined();
  expect(res.headersSent).toBe(false);
  expect(res.writableEnded).toBe(false);
  expect(lines).toEqual([]);

  // A real client would wait for minutes. This one gives up and hangs up.
  const closed = once(res, 'close');
  client.abort();
  await expect(answer).rejects.toThrow('This operation was aborted');
  await closed;
});
