// /health says the process answers; /ready says it can do its work.
import { SQLiteStore } from '@forum-lessons/session-store';
import Database from 'better-sqlite3';
import request from 'supertest';
import { expect, test } from 'vitest';
import { openDatabase } from '../src/db.ts';
import { makeApp, tempDatabasePath } from './helpers.ts';

// #region ready-test
test('/ready answers 200 when the database can be read and written and the store answers', async () => {
  const res = await request(makeApp().app).get('/ready');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'ready', checks: { database: { ok: true }, sessions: { ok: true } } });
  expect(res.headers['cache-control']).toBe('no-store');
});

test('a database the process may only read is not ready: 503, though every SELECT works', async () => {
  const path = tempDatabasePath();
  openDatabase(path).close();
  // The file as a process without write permission sees it. (Tests may run
  // as root, who can write a file whatever its mode: the connection is
  // opened read-only instead of changing the file's mode.)
  const readOnly = new Database(path, { readonly: true });
  const store = new SQLiteStore({ db: openDatabase(':memory:') });
  const { app } = makeApp({ db: readOnly, sessionStore: store });

  const res = await request(app).get('/ready');

  expect(res.status).toBe(503);
  expect(res.type).toBe('application/problem+json');
  expect(res.body).toMatchObject({
    status: 503,
    title: 'Service Unavailable',
    detail: 'Not ready: database: SQLITE_READONLY',
    checks: { database: { ok: false, problem: 'SQLITE_READONLY' }, sessions: { ok: true } },
  });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
  // Nothing was left behind by the check itself.
  expect(readOnly.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'ready_probe'").pluck().get()).toBe(0);
  store.close();
  readOnly.close();
  // /health still says the process is alive: restarting it would not help.
  await request(app).get('/health').expect(200);
});
// #endregion ready-test

test('a closed session store is not ready', async () => {
  const { app, store } = makeApp();
  store.close();

  const res = await request(app).get('/ready');

  expect(res.status).toBe(503);
  expect(res.body.checks.sessions.ok).toBe(false);
  expect(res.body.checks.database).toEqual({ ok: true });
});

test('a closed database is not ready', async () => {
  const { app, db } = makeApp();
  db.close();

  const res = await request(app).get('/ready');

  expect(res.status).toBe(503);
  expect(res.body.checks.database.ok).toBe(false);
});

test('once a shutdown has begun, /ready answers 503 so the load balancer stops sending requests', async () => {
  let closing = false;
  const { app } = makeApp({ shuttingDown: () => closing });
  await request(app).get('/ready').expect(200);

  closing = true;
  const res = await request(app).get('/ready');

  expect(res.status).toBe(503);
  expect(res.body.detail).toBe('Not ready: process: shutting down');
});

test('the readiness check leaves the database as it found it, however often it runs', async () => {
  const { app, db } = makeApp();
  const before = db.prepare('SELECT name FROM sqlite_master ORDER BY name').pluck().all();

  for (let i = 0; i < 5; i++) await request(app).get('/ready').expect(200);

  expect(db.prepare('SELECT name FROM sqlite_master ORDER BY name').pluck().all()).toEqual(before);
});
