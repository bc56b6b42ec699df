// PostgreSQL or Redis going away while the app runs, and coming back. A TCP
// proxy stands between the app and each server (tcp-proxy.ts): stopping the
// proxy cuts the app off, as a failed server or network would, without
// stopping the servers other tests use.
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openConnections, type Connections } from '../src/connections.ts';
import { createLogger } from '../src/logger.ts';
import { admin, type LogEntry } from './helpers.ts';
import { describeWithServices, freshPrefix, freshSchema, redisUrl } from './services.ts';
import { tcpProxy } from './tcp-proxy.ts';

describeWithServices('when PostgreSQL or Redis goes away', () => {
  let app: Express;
  let connections: Connections;
  let closeForum: () => void;
  let postgresProxy: Awaited<ReturnType<typeof tcpProxy>>;
  let redisProxy: Awaited<ReturnType<typeof tcpProxy>>;
  let cookie: string;
  const logs: LogEntry[] = [];
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    const schema = await freshSchema();
    const keys = freshPrefix();
    cleanups.push(schema.drop, keys.clear);
    const postgres = new URL(schema.url);
    const redis = new URL(redisUrl);
    postgresProxy = await tcpProxy({ host: postgres.hostname, port: Number(postgres.port || 5432) });
    redisProxy = await tcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    postgres.host = `127.0.0.1:${postgresProxy.port}`;
    redis.host = `127.0.0.1:${redisProxy.port}`;

    const config = loadConfig({
      NODE_ENV: 'test',
      ADMIN_EMAIL: admin.email,
      DATABASE_URL: postgres.toString(),
      REDIS_URL: redis.toString(),
      REDIS_KEY_PREFIX: keys.prefix,
    });
    const logger = createLogger(config, { write: (line: string) => void logs.push(JSON.parse(line) as LogEntry) });
    connections = await openConnections(config, logger);
    const forum = createApp(config, { logger, postgres: connections.postgres, redis: connections.redis });
    app = forum.app;
    closeForum = forum.close;

    await request(app).post('/api/v1/auth/register').send(admin).expect(201);
    const login = await request(app).post('/api/v1/auth/login').send({ email: admin.email, password: admin.password }).expect(200);
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
  });

  afterAll(async () => {
    closeForum?.();
    await connections?.close();
    await Promise.all([postgresProxy?.stop(), redisProxy?.stop()]);
    for (const cleanup of cleanups) await cleanup();
  });

  const ready = () => request(app).get('/ready');
  const posts = () => request(app).get('/api/v1/posts').set('Cookie', cookie);
  // Polls until the app has reconnected: how long that takes depends on the machine, so no test asserts it.
  const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 30_000, interval: 100 });

  test('before anything goes away, /ready answers 200 and the logged-in admin reads the posts', async () => {
    expect((await ready()).body).toEqual({ status: 'ready', checks: { database: { ok: true }, sessions: { ok: true } } });
    await posts().expect(200);
  });

  // #region postgres-outage-test
  test('PostgreSQL gone: /ready and the API answer 503 with Retry-After, never 500; back: both recover by themselves', async () => {
    await postgresProxy.stop();

    // A pooled connection may take a moment to notice it was cut; a new one is refused at once.
    await eventually(async () => {
      const notReady = await ready();
      expect(notReady.status).toBe(503);
      expect(notReady.body.checks).toEqual({ database: { ok: false, problem: 'ECONNREFUSED' }, sessions: { ok: true } });
    });
    const failed = await posts();
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('5');
    expect(failed.type).toBe('application/problem+json');
    expect(failed.body).toMatchObject({ status: 503, title: 'Service Unavailable', detail: 'The service is unavailable right now. Try again later.' });
    // The log says what happened; the client was told only to try again.
    expect(logs.some((entry) => entry.msg === 'request failed' && JSON.stringify(entry).includes('The database is not answering'))).toBe(true);

    await postgresProxy.start();

    await eventually(async () => {
      expect((await ready()).status).toBe(200);
    });
    await posts().expect(200);
  });
  // #endregion postgres-outage-test

  test('Redis gone: /ready says the sessions are not answering, and a logged-in request gets 503, not 500; back: the same cookie works again', async () => {
    await redisProxy.stop();

    await eventually(async () => {
      const notReady = await ready();
      expect(notReady.status).toBe(503);
      expect(notReady.body.checks.sessions.ok).toBe(false);
      expect(notReady.body.checks.database).toEqual({ ok: true });
    });
    const failed = await posts();
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('5');
    const login = await request(app).post('/api/v1/auth/login').send({ email: admin.email, password: admin.password });
    expect(login.status).toBe(503);

    await redisProxy.start();

    await eventually(async () => {
      expect((await ready()).status).toBe(200);
    });
    // The session was in Redis all along: the same cookie is still logged in.
    await posts().expect(200);
  });
});
