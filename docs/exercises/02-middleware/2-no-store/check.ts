// Check for lesson 02, exercise 2: every answer under /api carries Cache-Control: no-store.
import request from 'supertest';
import { expect } from 'vitest';
import { createApp } from '../../../../lessons/02-middleware/src/app.ts';
import { loadConfig } from '../../../../lessons/02-middleware/src/config.ts';
import { expectation } from '../../expectation.ts';

function makeApp() {
  return createApp({
    config: loadConfig({ NODE_ENV: 'test' }),
    log: () => {},
    readNotice: async () => ({ message: 'Welcome.', updatedAt: '2025-01-01T00:00:00.000Z' }),
  });
}

expectation(
  'GET /api/v1/ping and GET /api/v1/notice answer with Cache-Control: no-store',
  'One middleware that calls res.set() and then next(), registered with app.use() before the routes.',
  async () => {
    const app = makeApp();
    for (const path of ['/api/v1/ping', '/api/v1/notice']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
  },
);

expectation(
  'an unknown path under /api gets the header too',
  'Mount the middleware on the path (app.use(\'/api\', …)) rather than adding it to each route.',
  async () => {
    const res = await request(makeApp()).get('/api/v1/no-such-thing');

    expect(res.headers['cache-control']).toBe('no-store');
  },
);

expectation(
  '/health does not get the header',
  'app.use(\'/api\', middleware) runs only for paths under /api.',
  async () => {
    const res = await request(makeApp()).get('/health');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBeUndefined();
  },
);
