import express from 'express';
import request from 'supertest';
import { expect, test } from 'vitest';
import { requestLogger, skipHealthyChecks } from './skip-option.ts';

function appWithLog(lines: string[], healthStatus = 200) {
  const app = express();
  app.use(requestLogger({ log: (line) => lines.push(line), skip: skipHealthyChecks }));
  app.get('/health', (_req, res) => {
    res.status(healthStatus).json({ status: healthStatus === 200 ? 'ok' : 'failing' });
  });
  app.get('/api/v1/ping', (_req, res) => {
    res.json({ message: 'pong' });
  });
  return app;
}

test('a healthy /health is left out of the log', async () => {
  const lines: string[] = [];

  await request(appWithLog(lines)).get('/health');
  await request(appWithLog(lines)).get('/api/v1/ping');

  expect(lines).toEqual([expect.stringMatching(/^GET \/api\/v1\/ping 200 /)]);
});

test('a failing /health is still logged', async () => {
  const lines: string[] = [];

  await request(appWithLog(lines, 503)).get('/health');

  expect(lines).toEqual([expect.stringMatching(/^GET \/health 503 /)]);
});

test('a skip option that is not a function is refused at start-up', () => {
  expect(() => requestLogger({ skip: true as never })).toThrow(/option "skip" must be a function/);
});
