// The store as express-session uses it: a tiny app per test, driven with
// supertest, with the store's rows checked through a Database the test holds.
import Database from 'better-sqlite3';
import express, { type Express, type Request } from 'express';
import session from 'express-session';
import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';
import { SQLiteStore } from '../src/index.ts';
import { frozenClock, nextTurn, tempPath } from './helpers.ts';

const secret = 'a test secret that is long enough';

// Session fields are read through this instead of augmenting SessionData,
// which would leak these fields into every workspace's typecheck.
function data(req: Request): Record<string, unknown> {
  return req.session as unknown as Record<string, unknown>;
}

// #region express-app
function createApp(store: SQLiteStore, options: { rolling?: boolean; maxAge?: number } = {}): Express {
  const app = express();
  app.use(express.json());
  app.use(
    session({
      store,
      secret,
      name: 'sid',
      resave: false,
      saveUninitialized: false,
      rolling: options.rolling ?? false,
      cookie: { maxAge: options.maxAge ?? 60_000, httpOnly: true, sameSite: 'lax' },
    }),
  );
  app.post('/login', (req, res, next) => {
    // A new session id on login defeats session fixation.
    req.session.regenerate((error) => {
      if (error) return next(error);
      data(req).user = req.body.user;
      res.json({ user: req.body.user });
    });
  });
  app.get('/me', (req, res) => {
    if (req.session === undefined) return void res.status(503).json({ error: 'no session store' });
    const user = data(req).user;
    if (user === undefined) return void res.status(401).json({ error: 'not logged in' });
    res.json({ user });
  });
  app.post('/views', (req, res) => {
    const views = ((data(req).views as number | undefined) ?? 0) + 1;
    data(req).views = views;
    res.json({ views });
  });
  app.post('/logout', (req, res, next) => {
    req.session.destroy((error) => {
      if (error) return next(error);
      res.clearCookie('sid').json({ ok: true });
    });
  });
  return app;
}
// #endregion express-app

function setup(options: { rolling?: boolean; maxAge?: number } = {}) {
  const db = new Database(':memory:');
  const store = new SQLiteStore({ db, pruneInterval: false });
  onTestFinished(async () => {
    await store.close();
    db.close();
  });
  const rows = () => db.prepare<[], { sid: string; expires: number; sess: string }>('SELECT * FROM sessions').all();
  return { app: createApp(store, options), store, db, rows };
}

function sidCookie(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((value) => value.startsWith('sid='));
  if (cookie === undefined) throw new Error('response set no sid cookie');
  return cookie.split(';')[0]!;
}

test('login stores the session and later requests are recognised', async () => {
  const { app, store } = setup();
  const agent = request.agent(app);

  await agent.post('/login').send({ user: 'ada' }).expect(200);
  const me = await agent.get('/me').expect(200);

  expect(me.body).toEqual({ user: 'ada' });
  expect(await store.length()).toBe(1);
  await request(app).get('/me').expect(401);
});

test('regenerate on login replaces the old session id in the store', async () => {
  const { app, store } = setup();
  const agent = request.agent(app);
  const before = sidCookie(await agent.post('/views').expect(200));
  const [oldSid] = await store.ids();

  const after = sidCookie(await agent.post('/login').send({ user: 'ada' }).expect(200));

  expect(after).not.toBe(before);
  const ids = await store.ids();
  expect(ids).toHaveLength(1);
  expect(ids).not.toContain(oldSid);
  await request(app).get('/me').set('Cookie', before).expect(401);
  await request(app).get('/me').set('Cookie', after).expect(200);
});

test('logout destroys the session in the store', async () => {
  const { app, store } = setup();
  const agent = request.agent(app);
  const cookie = sidCookie(await agent.post('/login').send({ user: 'ada' }));

  await agent.post('/logout').expect(200);

  expect(await store.length()).toBe(0);
  await request(app).get('/me').set('Cookie', cookie).expect(401);
});

test('with resave: false, a request that reads its session ends in touch, which rewrites the stored cookie', async () => {
  const clock = frozenClock();
  const { app, store, rows } = setup();
  const agent = request.agent(app);
  await agent.post('/login').send({ user: 'ada' });
  const before = rows()[0]!;
  const touch = vi.spyOn(store, 'touch');
  const set = vi.spyOn(store, 'set');
  clock.advance(5_000);

  await agent.get('/me').expect(200);

  expect(touch).toHaveBeenCalledTimes(1);
  expect(set).not.toHaveBeenCalled();
  const after = rows()[0]!;
  expect(after.expires).toBeGreaterThan(before.expires);
  expect(JSON.parse(after.sess).cookie.expires).toBe(new Date(after.expires).toISOString());
  expect(JSON.parse(after.sess).user).toBe('ada');
});

test('with rolling: true, every response renews the cookie and the stored expiry', async () => {
  const clock = frozenClock();
  const { app, rows } = setup({ rolling: true });
  const agent = request.agent(app);
  await agent.post('/login').send({ user: 'ada' });
  const firstExpiry = rows()[0]!.expires;
  clock.advance(5_000);

  const second = await agent.get('/me').expect(200);

  // Without rolling, a request that does not change the session sets no cookie.
  const renewed = ([] as string[]).concat(second.headers['set-cookie'] ?? []).find((c) => c.startsWith('sid='));
  expect(renewed).toBeDefined();
  const cookieExpiry = Date.parse(/Expires=([^;]+)/.exec(renewed!)![1]!);
  const stored = rows()[0]!;
  expect(stored.expires).toBe(firstExpiry + 5_000);
  // The header has whole seconds; the store keeps the milliseconds.
  expect(Math.abs(stored.expires - cookieExpiry)).toBeLessThan(1000);
});

test('without rolling, a request that does not change the session sets no cookie', async () => {
  const { app } = setup();
  const agent = request.agent(app);
  await agent.post('/login').send({ user: 'ada' });

  const res = await agent.get('/me').expect(200);

  expect(res.headers['set-cookie']).toBeUndefined();
});

test('an expired session is not served, even when the browser still sends its cookie', async () => {
  const clock = frozenClock();
  const { app } = setup({ maxAge: 300 });
  const cookie = sidCookie(await request(app).post('/login').send({ user: 'ada' }));
  clock.advance(299);
  await request(app).get('/me').set('Cookie', cookie).expect(200);

  clock.advance(300);

  await request(app).get('/me').set('Cookie', cookie).expect(401);
});

test('a corrupt stored session logs the user out instead of failing every request', async () => {
  const { app, db } = setup();
  const cookie = sidCookie(await request(app).post('/login').send({ user: 'ada' }));
  const reports: Error[] = [];
  // The store in setup() reports through a process warning by default; this
  // test replaces the row and listens for the report as an 'error' event.
  const store = new SQLiteStore({ db, pruneInterval: false, onError: (error) => reports.push(error) });
  onTestFinished(() => store.close());
  db.prepare('UPDATE sessions SET sess = ?').run('{"cookie": {');

  await request(createApp(store)).get('/me').set('Cookie', cookie).expect(401);

  expect(reports).toHaveLength(1);
  expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
});

test('a session survives a restart: a new app and store on the same file', async () => {
  const path = tempPath();
  const firstStore = new SQLiteStore({ db: path });
  const cookie = sidCookie(await request(createApp(firstStore)).post('/login').send({ user: 'ada' }).expect(200));
  await firstStore.close();

  const secondStore = new SQLiteStore({ db: path });
  onTestFinished(() => secondStore.close());
  const me = await request(createApp(secondStore)).get('/me').set('Cookie', cookie).expect(200);

  expect(me.body).toEqual({ user: 'ada' });
});

test('after close(), express-session stops using the store and serves requests without a session', async () => {
  const { app, store } = setup();
  const agent = request.agent(app);
  await agent.post('/login').send({ user: 'ada' });

  await store.close();

  const res = await agent.get('/me').expect(503);
  expect(res.headers['set-cookie']).toBeUndefined();
});

/** Wraps `app` in a gate that holds each request until `release()`. */
function heldAtTheDoor(app: Express) {
  let arrived!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const outer = express();
  outer.use(async (_req, _res, next) => {
    arrived();
    await released;
    next();
  });
  outer.use(app);
  return { app: outer, reached, release };
}

test('a request that reaches express-session right after close() gets no session, not a 500 from the closed store', async () => {
  const { app, store } = setup();
  const cookie = sidCookie(await request(app).post('/login').send({ user: 'ada' }).expect(200));
  const held = heldAtTheDoor(app);
  const response = request(held.app).get('/me').set('Cookie', cookie).then((res) => res);
  await held.reached;

  // Both in one turn: the request goes on to express-session before any
  // deferred event could run.
  store.close();
  held.release();

  expect((await response).status).toBe(503);
});

test('a store closed as soon as it is built stays down: nothing emitted later brings it back', async () => {
  const db = new Database(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const store = new SQLiteStore({ db, pruneInterval: false });
  const app = createApp(store);

  store.close();
  await nextTurn();

  await request(app).get('/me').expect(503);
});
