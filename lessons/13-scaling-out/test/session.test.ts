// What a client sees of sessions and their cookie is tested in
// ../11-production/test/api/session.test.ts. These tests look in the store and the database,
// set a config or a clock of their own, or restart on the same file.
import { SQLiteStore } from '@forum-lessons/session-store';
import session from 'express-session';
import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db.ts';
import { makeApp, sessionCookie, tempDatabasePath } from './helpers.ts';

// #region uninitialized-test
test('a request that does not use the session gets no cookie, and nothing is stored', async () => {
  const { app, store } = makeApp();

  const health = await request(app).get('/health');
  const users = await request(app).get('/api/v1/users');

  expect(health.headers['set-cookie']).toBeUndefined();
  expect(users.headers['set-cookie']).toBeUndefined();
  expect(await store.length()).toBe(0);
});
// #endregion uninitialized-test

test('the session is a row in the sessions table of the app database', async () => {
  const { app, db } = makeApp();

  await request(app).get('/api/v1/session');

  const rows = db.prepare<[], { sess: string }>('SELECT sess FROM sessions').all();
  expect(rows).toHaveLength(1);
  expect(JSON.parse(rows[0]!.sess)).toMatchObject({ visits: 1, cookie: { httpOnly: true, sameSite: 'lax' } });
});

test('a session expires after its max age: the cookie then starts a new one', async () => {
  // A fake Date that only moves when the test moves it: no waiting, however
  // busy the machine. The network and the database run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
  const { app } = makeApp({ config: { ...loadConfig({ NODE_ENV: 'test' }), sessionMaxAgeMs: 100 } });
  const first = await request(app).get('/api/v1/session');
  const cookie = sessionCookie(first.headers['set-cookie']);

  vi.setSystemTime(Date.now() + 250);
  const res = await request(app).get('/api/v1/session').set('Cookie', cookie);

  expect(res.body.visits).toBe(1);
});

// #region restart-test
test('a session survives a restart: a new app on the same database file knows the cookie', async () => {
  const databasePath = tempDatabasePath();

  // The first "server": its own connection and store on the file.
  const first = makeApp({ databasePath });
  const visit = await request(first.app).get('/api/v1/session');
  const cookie = sessionCookie(visit.headers['set-cookie']);
  first.store.close();
  first.db.close();

  // The second "server": a new Database, a new store, a new app.
  const second = makeApp({ databasePath });
  const res = await request(second.app).get('/api/v1/session').set('Cookie', cookie);

  expect(res.body).toEqual({ visits: 2, firstVisitAt: visit.body.firstVisitAt, remembered: true });
});
// #endregion restart-test

// #region memory-store-test
test('with express-session MemoryStore, the same restart forgets every session', async () => {
  const databasePath = tempDatabasePath();
  // MemoryStore keeps sessions in a Map inside the process: a new process,
  // or a new store, starts empty.
  const first = makeApp({ databasePath, sessionStore: new session.MemoryStore() });
  const visit = await request(first.app).get('/api/v1/session');
  const cookie = sessionCookie(visit.headers['set-cookie']);

  const second = makeApp({ databasePath, sessionStore: new session.MemoryStore() });
  const res = await request(second.app).get('/api/v1/session').set('Cookie', cookie);

  expect(res.body.visits).toBe(1);
});
// #endregion memory-store-test

test('sessions from two connections to one file are shared, as with two server processes', async () => {
  const databasePath = tempDatabasePath();
  const a = makeApp({ databasePath });
  const b = makeApp({ databasePath });

  const first = await request(a.app).get('/api/v1/session');
  const res = await request(b.app).get('/api/v1/session').set('Cookie', sessionCookie(first.headers['set-cookie']));

  expect(res.body.visits).toBe(2);
});

test('the store leaves the database open when it closes: the app owns the connection', () => {
  const db = openDatabase(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const store = new SQLiteStore({ db });

  store.close();

  expect(db.open).toBe(true);
});
