// Check for lesson 02, exercise 1: requestLogger() takes a skip(req, res) option,
// and the app leaves a healthy /health out of the log.
import express from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { createApp } from '../../../../lessons/02-middleware/src/app.ts';
import { loadConfig } from '../../../../lessons/02-middleware/src/config.ts';
import { requestLogger } from '../../../../lessons/02-middleware/src/middleware/request-logger.ts';
import { expectation } from '../../expectation.ts';

type Skip = (req: express.Request, res: express.Response) => boolean;

/** An app with the learner's requestLogger and a /status/:code route that answers that status. */
function appWithLogger(lines: string[], skip: Skip) {
  const app = express();
  app.use(requestLogger({ log: (line) => lines.push(line), skip } as Parameters<typeof requestLogger>[0]));
  app.get('/status/:code', (req, res) => {
    res.status(Number(req.params.code)).json({});
  });
  return app;
}

expectation(
  'a request for which skip() returns true is not logged',
  'Add skip to RequestLoggerOptions and return from the close listener before log() when it says so.',
  async () => {
    const lines: string[] = [];
    await request(appWithLogger(lines, () => true)).get('/status/200');

    expect(lines).toEqual([]);
  },
);

expectation(
  'skip() sees the answer\'s status',
  'Call skip(req, res) when the response closes, not when the request arrives: only then is res.statusCode final.',
  async () => {
    const lines: string[] = [];
    const app = appWithLogger(lines, (_req, res) => res.statusCode < 400);
    await request(app).get('/status/200');
    await request(app).get('/status/503');

    expect(lines).toEqual([expect.stringMatching(/^GET \/status\/503 503 /)]);
  },
);

expectation(
  'without skip, every request is still logged',
  'Give skip a default that never skips, such as () => false.',
  async () => {
    const lines: string[] = [];
    const app = express();
    app.use(requestLogger({ log: (line) => lines.push(line) }));
    app.get('/x', (_req, res) => {
      res.json({});
    });
    await request(app).get('/x');

    expect(lines).toHaveLength(1);
  },
);

expectation(
  'the app leaves a healthy /health out of the log and logs the rest',
  'In createApp(), pass requestLogger() a skip that is true for /health answering below 400.',
  async () => {
    const lines: string[] = [];
    const app = createApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_REQUESTS: 'true' }),
      log: (line) => lines.push(line),
      readNotice: async () => ({ message: 'Welcome.', updatedAt: '2025-01-01T00:00:00.000Z' }),
    });
    await request(app).get('/health');
    await request(app).get('/api/v1/ping');

    expect(lines).toEqual([expect.stringMatching(/^GET \/api\/v1\/ping 200 /)]);
  },
);
