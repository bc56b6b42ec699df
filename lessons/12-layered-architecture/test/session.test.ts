import { SQLiteStore } from '@forum-lessons/session-store';
import session from 'express-session';
import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db.ts';
import { makeApp, sessionCookie, tempDatabasePath } from './helpers.ts';

test('the first visit answers visits 1 and sets the session cookie', async () => {
  const { app } = makeApp();
  const before = Date.now();

  const res = await request(app).get('/api/v1/session');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ visits: 1, firstVisitAt: expect.any(String), remembered: true });
  expect(Date.parse(res.body.firstVisitAt)).toBeGreaterThanOrEqual(before - 1000);
  expect(sessionCookie(res.headers['set-cookie'])).toMatch(/^forum\.sid=s%3A/);
});

// #region cookie-test
test('the cookie is HttpOnly, SameSite=Lax, for the whole site, and expires after SESSION_MAX_AGE_MS', async () => {
  const { app } = makeApp({ config: loadConfig({ NODE_ENV: 'test', SESSION_MAX_AGE_MS: '3600000' }) });

  const res = await request(app).get('/api/v1/session');

  const cookie = res.headers['set-cookie']![0]!;
  const attributes = cookie.split('; ').slice(1);
  expect(attributes).toEqual(['Path=/', expect.stringMatching(/^Expires=/), 'HttpOnly', 'SameSite=Lax']);
  const expires = Date.parse(attributes[1]!.slice('Expires='.length));
  expect(expires - Date.now()).toBeGreaterThan(3_590_000);
  expect(expires - Date.now()).toBeLessThanOrEqual(3_600_000);
});
// #endregion cookie-test

test('sending the cookie back counts on: the session remembers its visits', async () => {
  const { app } = makeApp();
  const first = await request(app).get('/api/v1/session');
  const cookie = sessionCookie(first.headers['set-cookie']);

  await request(app).get('/api/v1/session').set('Cookie', cookie);
  const third = await request(app).get('/api/v1/session').set('Cookie', cookie);

  expect(third.body).toEqual({ visits: 3, firstVisitAt: first.body.firstVisitAt, remembered: true });
});

test('two clients have two sessions, each with its own count', async () => {
  const { app } = makeApp();
  const ada = request.agent(app);
  const grace = request.agent(app);

  await ada.get('/api/v1/session');
  await ada.get('/api/v1/session');
  const res = await grace.get('/api/v1/session');

  expect(res.body.visits).toBe(1);
  expect((await ada.get('/api/v1/session')).body.visits).toBe(3);
});

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

test('a cookie whose signature does not match is ignored: a new session starts', async () => {
  const { app } = makeApp();
  const first = await request(app).get('/api/v1/session');
  await request(app).get('/api/v1/session').set('Cookie', sessionCookie(first.headers['set-cookie']));
  // Keep the session id, change the signature after the dot.
  const forged = sessionCookie(first.headers['set-cookie']).replace(/\.[^.]+$/, '.forged');

  const res = await request(app).get('/api/v1/session').set('Cookie', forged);

  expect(res.status).toBe(200);
  expect(res.body.visits).toBe(1);
});

test('a cookie signed with another secret is ignored', async () => {
  const first = await request(makeApp().app).get('/api/v1/session');
  const other = makeApp({ config: loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'another-secret-of-at-least-32-characters' }) });

  const res = await request(other.app).get('/api/v1/session').set('Cookie', sessionCookie(first.headers['set-cookie']));

  expect(res.body.visits).toBe(1);
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

test('in production the cookie is Secure, so it is not sent over plain HTTP', async () => {
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-32-characters-or-more' });
  const { app } = makeApp({ config });

  const res = await request(app).get('/api/v1/session');

  // express-session refuses to set a Secure cookie on an HTTP request. Behind
  // an HTTPS proxy, lesson 11 sets `trust proxy` so Express sees the HTTPS.
  expect(res.status).toBe(200);
  expect(res.headers['set-cookie']).toBeUndefined();
  // The client has no cookie to send back, so every visit is its first.
  expect((await request(app).get('/api/v1/session')).body.visits).toBe(1);
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
