// pino's structured log: what one entry holds, and what it never holds.
import request from 'supertest';
import { expect, test } from 'vitest';
import { createLogger } from '../src/logger.ts';
import { ada, makeApp, sessionCookie } from './helpers.ts';

// #region redaction-test
test('cookies, Authorization headers and passwords never reach the log', async () => {
  const { app, db, logs } = makeApp();
  await request(app).post('/api/v1/auth/register').send(ada).expect(201);
  const login = await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: ada.password }).expect(200);
  const cookie = sessionCookie(login.headers['set-cookie']);

  await request(app).get('/api/v1/auth/me').set('Cookie', cookie).set('Authorization', 'Bearer secret-token-123').expect(200);
  await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: `${ada.password}!` });
  // A failure the code did not plan for, while a password is in the body.
  db.exec('DROP TABLE users');
  await request(app).post('/api/v1/auth/register').send({ username: 'eve', email: 'eve@example.com', password: 'quiet violet harbour lamps 77' });

  const everything = logs.map((entry) => JSON.stringify(entry)).join('\n');
  expect(logs.length).toBeGreaterThanOrEqual(6);
  expect(everything).toContain('[Redacted]');
  expect(everything).not.toContain(ada.password);
  expect(everything).not.toContain('quiet violet harbour lamps 77');
  expect(everything).not.toContain('secret-token-123');
  expect(everything).not.toContain('scrypt$');
  expect(everything).not.toContain(cookie.split('=')[1]);
});
// #endregion redaction-test

test('a request entry holds the request id, the status and the time taken', async () => {
  const { app, requests } = makeApp();

  const res = await request(app).get('/api/v1/ping').set('X-Request-Id', 'trace-7');

  expect(res.status).toBe(200);
  expect(requests).toEqual([
    expect.objectContaining({
      level: 30,
      msg: 'GET /api/v1/ping 200',
      req: expect.objectContaining({ id: 'trace-7', method: 'GET', url: '/api/v1/ping' }),
      res: expect.objectContaining({ statusCode: 200 }),
      responseTime: expect.any(Number),
    }),
  ]);
});

test('a password in any object given to the logger is redacted, however deep', () => {
  const lines: string[] = [];
  const logger = createLogger({ logLevel: 'info' }, { write: (line: string) => lines.push(line) });

  logger.info({ password: 'one', body: { password: 'two', user: { password: 'three' } } }, 'test');

  expect(lines.join('')).not.toMatch(/"one"|"two"|"three"/);
});

test('LOG_LEVEL=warn leaves out the request entries of successful requests', async () => {
  const { app, logs } = makeApp({ env: { LOG_LEVEL: 'warn' } });

  await request(app).get('/health');
  await request(app).get('/api/v1/nope');

  expect(logs.map((entry) => entry.msg)).toEqual(['GET /api/v1/nope 404']);
});
