// What a client sees of register, login, me and logout is tested in
// ../11-production/test/api/auth.test.ts. These tests look behind the answers: the hash in the
// database, the sessions in the store, the scrypt work, the error log.
import session from 'express-session';
import request from 'supertest';
import { expect, test } from 'vitest';
import { countScrypt } from './count-scrypt.ts';
import { ada, loggedInAgent, makeApp, sessionCookie } from './helpers.ts';

const credentials = { email: ada.email, password: ada.password };

test('register stores a scrypt hash, not the password', async () => {
  const { app, db } = makeApp();

  await request(app).post('/api/v1/auth/register').send(ada);

  const { password_hash } = db.prepare<[], { password_hash: string }>('SELECT password_hash FROM users').get()!;
  expect(password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  expect(password_hash).not.toContain(ada.password);
});

// #region regenerate-test
test('login gives the session a new id: a cookie from before login does not become logged in', async () => {
  const { app, store } = makeApp();
  await request(app).post('/api/v1/auth/register').send(ada);
  // A session that exists before login, e.g. one an attacker planted.
  const before = sessionCookie((await request(app).get('/api/v1/session')).headers['set-cookie']);

  const login = await request(app).post('/api/v1/auth/login').set('Cookie', before).send(credentials);
  const after = sessionCookie(login.headers['set-cookie']);

  expect(after).not.toBe(before);
  // The old id is gone from the store, and cannot reach what needs a login.
  expect(await store.get(decodeURIComponent(before).slice('forum.sid=s:'.length).split('.')[0]!)).toBeNull();
  expect((await request(app).get('/api/v1/auth/me').set('Cookie', before)).status).toBe(401);
  expect((await request(app).get('/api/v1/auth/me').set('Cookie', after)).status).toBe(200);
});
// #endregion regenerate-test

test('the session is saved before login answers: the next request is logged in at once', async () => {
  const { app, store } = makeApp();
  await request(app).post('/api/v1/auth/register').send(ada);

  const login = await request(app).post('/api/v1/auth/login').send(credentials);

  const sid = decodeURIComponent(sessionCookie(login.headers['set-cookie'])).slice('forum.sid=s:'.length).split('.')[0]!;
  expect(await store.get(sid)).toMatchObject({ userId: 1 });
});

// #region timing-test
test('an unknown email costs one scrypt hash, as a wrong password does: the time tells nothing', async () => {
  const { app } = makeApp();
  await request(app).post('/api/v1/auth/register').send(ada);
  const login = (email: string) =>
    request(app).post('/api/v1/auth/login').send({ email, password: 'not the password' }).expect(401);

  expect(await countScrypt(() => login(ada.email))).toBe(1);
  // Without verifyDummy() this would be 0, and the answer would come back
  // a whole hash sooner: the time alone would say the email is not registered.
  expect(await countScrypt(() => login('nobody@example.com'))).toBe(1);
});
// #endregion timing-test

test('an account from before passwords existed cannot log in, and gets the same answer', async () => {
  const { app, db } = makeApp();
  db.prepare('INSERT INTO users (username, email, created_at) VALUES (?, ?, ?)').run('old', 'old@example.com', '2025-01-01T00:00:00.000Z');

  const res = await request(app).post('/api/v1/auth/login').send({ email: 'old@example.com', password: 'anything at all' });

  expect(res.status).toBe(401);
  expect(res.body.detail).toBe('Email or password is incorrect');
});

test('a session whose user was deleted is logged out', async () => {
  const { app, db } = makeApp();
  const agent = await loggedInAgent(app);
  db.prepare('DELETE FROM users').run();

  const res = await agent.get('/api/v1/auth/me');

  expect(res.status).toBe(401);
});

// #region replay-test
test('after logout the old cookie no longer works, even when it is sent again', async () => {
  const { app, store } = makeApp();
  await request(app).post('/api/v1/auth/register').send(ada);
  const login = await request(app).post('/api/v1/auth/login').send(credentials);
  const cookie = sessionCookie(login.headers['set-cookie']);
  expect((await request(app).get('/api/v1/auth/me').set('Cookie', cookie)).status).toBe(200);

  await request(app).post('/api/v1/auth/logout').set('Cookie', cookie).expect(204);

  // Someone kept a copy of the cookie and replays it: the session is gone
  // from the store, so it is nobody.
  const replay = await request(app).get('/api/v1/auth/me').set('Cookie', cookie);
  expect(replay.status).toBe(401);
  expect(await store.length()).toBe(0);
});
// #endregion replay-test

// #region save-failure-test
test('when the session cannot be saved, login answers 500, not 200', async () => {
  // A store whose writes fail, like a full disk.
  class FailingStore extends session.MemoryStore {
    override set(_sid: string, _session: session.SessionData, callback?: (error?: unknown) => void): void {
      callback?.(new Error('SQLITE_FULL: database or disk is full'));
    }
  }
  const { app, errors } = makeApp({ sessionStore: new FailingStore() });
  await request(app).post('/api/v1/auth/register').send(ada);

  const res = await request(app).post('/api/v1/auth/login').send(credentials);

  // Saved before answering: the failure reaches the error handler while it
  // can still answer, instead of after a 200 was on its way.
  expect(res.status).toBe(500);
  expect(res.body.detail).toBe('Something went wrong on our side.');
  expect(errors[0]).toMatchObject({ status: 500, path: '/api/v1/auth/login' });
  expect(JSON.stringify(errors[0]!.err)).toContain('SQLITE_FULL');
});
// #endregion save-failure-test
