import Database from 'better-sqlite3';
import session from 'express-session';
import type { SessionData } from 'express-session';
import { expect, onTestFinished, test, vi } from 'vitest';
import { CorruptSessionError, SQLiteStore, StoreClosedError, type Serializer } from '../src/index.ts';
import { frozenClock, nextTurn, openStore, sessionFor, storeWithDb, tempPath } from './helpers.ts';

test('get returns what set stored', async () => {
  const store = openStore();
  const sess = sessionFor(60_000, { user: { id: 7, name: 'Ada' }, views: 3 });

  await store.set('sid-1', sess);

  expect(await store.get('sid-1')).toEqual(JSON.parse(JSON.stringify(sess)));
});

test('get of an unknown sid returns null', async () => {
  expect(await openStore().get('nope')).toBeNull();
});

test('set replaces an existing session in place', async () => {
  const { store, row } = storeWithDb();
  await store.set('sid-1', sessionFor(60_000, { views: 1 }));
  const before = row('sid-1')!;

  await store.set('sid-1', sessionFor(120_000, { views: 2 }));

  expect(await store.get('sid-1')).toMatchObject({ views: 2 });
  expect(row('sid-1')!.expires).toBeGreaterThan(before.expires);
  expect(await store.length()).toBe(1);
});

test('expiry is stored as integer milliseconds from cookie.expires', async () => {
  const { store, row } = storeWithDb();
  const expires = new Date(Date.now() + 12_345);

  await store.set('sid-1', { cookie: { expires } } as unknown as SessionData);

  expect(row('sid-1')!.expires).toBe(expires.getTime());
});

test('cookie.expires as an ISO string (a session back from JSON) sets the expiry', async () => {
  const { store, row } = storeWithDb();
  const expires = new Date(Date.now() + 50_000);

  await store.set('sid-1', { cookie: { expires: expires.toISOString(), originalMaxAge: 50_000 } } as unknown as SessionData);

  expect(row('sid-1')!.expires).toBe(expires.getTime());
});

test('an express-session Cookie with maxAge sets the expiry', async () => {
  const { store, row } = storeWithDb();
  const cookie = new session.Cookie();
  cookie.maxAge = 30_000;

  await store.set('sid-1', { cookie } as SessionData);

  expect(row('sid-1')!.expires).toBe(cookie.expires!.getTime());
});

test('a numeric maxAge, then originalMaxAge, is used when there is no expires', async () => {
  frozenClock();
  const { store, row } = storeWithDb();

  await store.set('a', { cookie: { maxAge: 40_000 } } as unknown as SessionData);
  await store.set('b', { cookie: { originalMaxAge: 20_000, expires: null } } as unknown as SessionData);

  expect(row('a')!.expires).toBe(Date.now() + 40_000);
  expect(row('b')!.expires).toBe(Date.now() + 20_000);
});

test('a browser-session cookie (expires: null) gets the ttl', async () => {
  frozenClock();
  const { store, row } = storeWithDb({ ttl: 5_000 });

  await store.set('sid-1', { cookie: { originalMaxAge: null, expires: null } } as unknown as SessionData);

  expect(row('sid-1')!.expires).toBe(Date.now() + 5_000);
});

test('a session without a cookie round-trips unchanged and gets the ttl', async () => {
  frozenClock();
  const { store, row } = storeWithDb({ ttl: 5_000 });
  const sess = { user: 'ada', nested: { list: [1, 2, 3] } } as unknown as SessionData;

  await store.set('sid-1', sess);

  expect(await store.get('sid-1')).toEqual(sess);
  expect(row('sid-1')!.expires).toBe(Date.now() + 5_000);
});

test('a maxAge of a few milliseconds expires after exactly those milliseconds', async () => {
  const clock = frozenClock();
  const store = openStore();

  await store.set('short', sessionFor(40));
  clock.advance(39);
  expect(await store.get('short')).not.toBeNull();

  clock.advance(1);
  expect(await store.get('short')).toBeNull();
});

test('expired rows are invisible to get, all, ids and length', async () => {
  const clock = frozenClock();
  const { store, row } = storeWithDb();
  await store.set('live', sessionFor(60_000));
  await store.set('dying', sessionFor(20));
  clock.advance(20);

  expect(row('dying')).toBeDefined();
  expect(await store.get('dying')).toBeNull();
  expect(Object.keys(await store.all())).toEqual(['live']);
  expect(await store.ids()).toEqual(['live']);
  expect(await store.length()).toBe(1);
});

test('set with an expiry in the past deletes the row', async () => {
  const { store, row } = storeWithDb();
  await store.set('sid-1', sessionFor(60_000));

  await store.set('sid-1', { cookie: { expires: new Date(Date.now() - 1000) } } as unknown as SessionData);

  expect(row('sid-1')).toBeUndefined();
});

test('set never modifies the session object passed in', async () => {
  const store = openStore();
  const sess = sessionFor(60_000, { user: { id: 1 } });
  const snapshot = structuredClone(sess);
  const cookie = sess.cookie;

  await store.set('sid-1', Object.freeze(sess));
  await store.touch('sid-1', sess);

  expect(sess).toEqual(snapshot);
  expect(sess.cookie).toBe(cookie);
});

test('touch moves the expiry and rewrites the stored cookie.expires', async () => {
  const { store, row } = storeWithDb();
  await store.set('sid-1', sessionFor(10_000, { views: 5 }));
  const later = sessionFor(90_000, { views: 5 });

  await store.touch('sid-1', later);

  const stored = row('sid-1')!;
  expect(stored.expires).toBe(later.cookie.expires!.getTime());
  expect(JSON.parse(stored.sess)).toEqual({ ...JSON.parse(JSON.stringify(later)), views: 5 });
  expect(JSON.parse(stored.sess).cookie.expires).toBe(later.cookie.expires!.toISOString());
});

test('touch changes only the cookie, not data another writer stored meanwhile', async () => {
  const { store } = storeWithDb();
  await store.set('sid-1', sessionFor(10_000, { cart: 1 }));
  await store.set('sid-1', sessionFor(10_000, { cart: 2 }));

  await store.touch('sid-1', sessionFor(90_000, { cart: 1 }));

  expect(await store.get('sid-1')).toMatchObject({ cart: 2 });
});

test('touch of a missing sid is a silent no-op', async () => {
  const { store, row, onError } = storeWithDb();

  await expect(store.touch('ghost', sessionFor(60_000))).resolves.toBeUndefined();

  expect(row('ghost')).toBeUndefined();
  expect(onError).not.toHaveBeenCalled();
});

test('touch of an expired sid does not bring it back', async () => {
  const clock = frozenClock();
  const store = openStore();
  await store.set('sid-1', sessionFor(10));
  clock.advance(10);

  await store.touch('sid-1', sessionFor(60_000));

  expect(await store.get('sid-1')).toBeNull();
});

test('touch never calls get or set', async () => {
  const store = openStore();
  await store.set('sid-1', sessionFor(10_000));
  const get = vi.spyOn(store, 'get');
  const set = vi.spyOn(store, 'set');

  await store.touch('sid-1', sessionFor(20_000));

  expect(get).not.toHaveBeenCalled();
  expect(set).not.toHaveBeenCalled();
});

test('touch of a session without a cookie moves only the expiry', async () => {
  const { store, row } = storeWithDb({ ttl: 50_000 });
  await store.set('sid-1', { a: 1 } as unknown as SessionData);

  await store.touch('sid-1', { a: 1 } as unknown as SessionData);

  expect(JSON.parse(row('sid-1')!.sess)).toEqual({ a: 1 });
});

test('touchAfter skips a touch whose expiry moved less than touchAfter', async () => {
  const { store, row } = storeWithDb({ touchAfter: 60_000 });
  const first = sessionFor(3_600_000);
  await store.set('sid-1', first);

  await store.touch('sid-1', { cookie: { expires: new Date(first.cookie.expires!.getTime() + 59_000) } } as SessionData);
  expect(row('sid-1')!.expires).toBe(first.cookie.expires!.getTime());

  const moved = new Date(first.cookie.expires!.getTime() + 61_000);
  await store.touch('sid-1', { cookie: { expires: moved } } as SessionData);
  expect(row('sid-1')!.expires).toBe(moved.getTime());
  expect(JSON.parse(row('sid-1')!.sess).cookie.expires).toBe(moved.toISOString());
});

test('touchAfter never skips set', async () => {
  const { store } = storeWithDb({ touchAfter: 60_000 });
  await store.set('sid-1', sessionFor(3_600_000, { views: 1 }));

  await store.set('sid-1', sessionFor(3_600_000, { views: 2 }));

  expect(await store.get('sid-1')).toMatchObject({ views: 2 });
});

test('destroy removes a session and succeeds for an unknown sid', async () => {
  const store = openStore();
  await store.set('sid-1', sessionFor(60_000));

  await store.destroy('sid-1');
  await expect(store.destroy('never-existed')).resolves.toBeUndefined();

  expect(await store.get('sid-1')).toBeNull();
});

test('all returns live sessions keyed by sid', async () => {
  const store = openStore();
  const a = sessionFor(60_000, { n: 1 });
  const b = sessionFor(60_000, { n: 2 });
  await store.set('a', a);
  await store.set('b', b);

  expect(await store.all()).toEqual({ a: JSON.parse(JSON.stringify(a)), b: JSON.parse(JSON.stringify(b)) });
});

test('clear removes every session, live or expired', async () => {
  const clock = frozenClock();
  const { store, db } = storeWithDb();
  await store.set('a', sessionFor(60_000));
  await store.set('b', sessionFor(5));
  clock.advance(5);
  expect(await store.length()).toBe(1);

  await store.clear();

  expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  expect(await store.length()).toBe(0);
});

test('a corrupt JSON row reads as not found, is deleted and is reported', async () => {
  const { store, db, row, onError } = storeWithDb();
  db.prepare('INSERT INTO sessions (sid, expires, sess) VALUES (?, ?, ?)').run('bad', Date.now() + 60_000, '{"cookie":');

  expect(await store.get('bad')).toBeNull();

  expect(row('bad')).toBeUndefined();
  expect(onError).toHaveBeenCalledTimes(1);
  const error = onError.mock.calls[0]![0];
  expect(error).toBeInstanceOf(CorruptSessionError);
  expect(error).toMatchObject({ code: 'ERR_SESSION_CORRUPT', sid: 'bad' });
  expect((error as Error).cause).toBeInstanceOf(SyntaxError);
});

test('a row that parses to something other than an object counts as corrupt', async () => {
  const { store, db, row, onError } = storeWithDb();
  db.prepare('INSERT INTO sessions (sid, expires, sess) VALUES (?, ?, ?)').run('num', Date.now() + 60_000, '42');

  expect(await store.get('num')).toBeNull();

  expect(row('num')).toBeUndefined();
  expect(onError).toHaveBeenCalledTimes(1);
});

test('all skips, deletes and reports corrupt rows', async () => {
  const { store, db, row, onError } = storeWithDb();
  await store.set('good', sessionFor(60_000));
  db.prepare('INSERT INTO sessions (sid, expires, sess) VALUES (?, ?, ?)').run('bad', Date.now() + 60_000, 'not json');

  expect(Object.keys(await store.all())).toEqual(['good']);
  expect(row('bad')).toBeUndefined();
  expect(onError).toHaveBeenCalledTimes(1);
});

test('touch of a corrupt row deletes and reports it without failing', async () => {
  const { store, db, row, onError } = storeWithDb();
  db.prepare('INSERT INTO sessions (sid, expires, sess) VALUES (?, ?, ?)').run('bad', Date.now() + 60_000, '{oops');

  await expect(store.touch('bad', sessionFor(60_000))).resolves.toBeUndefined();

  expect(row('bad')).toBeUndefined();
  expect(onError).toHaveBeenCalledWith(expect.any(CorruptSessionError));
});

test('without onError, a corrupt row is reported as an error event when someone listens', async () => {
  const { store, db } = storeWithDb({ onError: undefined });
  db.prepare('INSERT INTO sessions (sid, expires, sess) VALUES (?, ?, ?)').run('bad', Date.now() + 60_000, '{');
  const reported = new Promise<Error>((resolve) => store.once('error', resolve));

  expect(await store.get('bad')).toBeNull();

  expect(await reported).toBeInstanceOf(CorruptSessionError);
});

test('with no onError and no listener, a corrupt row becomes a process warning, not a crash', async () => {
  const { store, db } = storeWithDb({ onError: undefined });
  const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
  db.prepare('INSERT INTO sessions (sid, expires, sess) VALUES (?, ?, ?)').run('bad', Date.now() + 60_000, '{');

  expect(await store.get('bad')).toBeNull();

  expect(emitWarning).toHaveBeenCalledWith(expect.any(CorruptSessionError));
});

test('a custom serializer stores and reads its own format', async () => {
  const serializer: Serializer = {
    stringify: (value) => Buffer.from(JSON.stringify(value)).toString('base64'),
    parse: (text) => JSON.parse(Buffer.from(text, 'base64').toString()),
  };
  const { store, row } = storeWithDb({ serializer });
  const sess = sessionFor(60_000, { user: 'ada' });

  await store.set('sid-1', sess);

  expect(row('sid-1')!.sess).not.toContain('ada');
  expect(await store.get('sid-1')).toEqual(JSON.parse(JSON.stringify(sess)));
});

test('with a custom serializer, touch still rewrites the stored cookie', async () => {
  const serializer: Serializer = {
    stringify: (value) => `v1:${JSON.stringify(value)}`,
    parse: (text) => JSON.parse(text.slice(3)),
  };
  const { store, row } = storeWithDb({ serializer });
  await store.set('sid-1', sessionFor(10_000, { views: 1 }));
  const later = sessionFor(90_000, { views: 1 });

  await store.touch('sid-1', later);

  expect(row('sid-1')!.expires).toBe(later.cookie.expires!.getTime());
  expect(await store.get('sid-1')).toEqual(JSON.parse(JSON.stringify(later)));
  await expect(store.touch('ghost', later)).resolves.toBeUndefined();
});

test('a serializer that throws fails that call through its callback, not by throwing', async () => {
  const store = openStore({ serializer: { stringify: () => { throw new Error('cannot serialize'); }, parse: JSON.parse } });

  const error = await new Promise<Error | null>((resolve) => store.set('sid-1', sessionFor(1000), resolve));

  expect(error).toMatchObject({ message: 'cannot serialize' });
});

test('every method calls back exactly once, asynchronously', async () => {
  const store = openStore();
  const calls: string[] = [];
  let allCalledBack!: () => void;
  const nine = new Promise<void>((resolve) => (allCalledBack = resolve));
  const record = (name: string) => (error: Error | null) => {
    calls.push(`${name}:${error === null ? 'ok' : 'error'}`);
    if (calls.length === 9) allCalledBack();
  };

  store.set('a', sessionFor(60_000), record('set'));
  store.get('a', record('get'));
  store.touch('a', sessionFor(60_000), record('touch'));
  store.all(record('all'));
  store.ids(record('ids'));
  store.length(record('length'));
  store.destroy('a', record('destroy'));
  store.clear(record('clear'));
  store.prune(record('prune'));
  expect(calls).toEqual([]);

  await nine;
  await nextTurn();
  expect(calls.sort()).toEqual(
    ['all', 'clear', 'destroy', 'get', 'ids', 'length', 'prune', 'set', 'touch'].map((name) => `${name}:ok`),
  );
});

test('callbacks receive results in Node style', async () => {
  const store = openStore();
  await store.set('a', sessionFor(60_000, { n: 1 }));

  const [error, value] = await new Promise<[Error | null, unknown]>((resolve) =>
    store.get('a', (err, sess) => resolve([err, sess])),
  );

  expect(error).toBeNull();
  expect(value).toMatchObject({ n: 1 });
});

test('bad arguments fail through the callback instead of throwing', async () => {
  const store = openStore();

  const error = await new Promise<Error | null>((resolve) => {
    expect(() => store.set(42 as unknown as string, null as unknown as SessionData, resolve)).not.toThrow();
  });

  expect(error).toBeInstanceOf(TypeError);
  await expect(store.get(undefined as unknown as string)).rejects.toThrow(/sid must be a string/);
});

test('a SQLite failure reaches the callback instead of throwing', async () => {
  const { store, db } = storeWithDb();
  db.exec('DROP TABLE sessions');

  const error = await new Promise<Error | null>((resolve) => {
    expect(() => store.get('a', resolve)).not.toThrow();
  });

  expect(error).toMatchObject({ code: 'SQLITE_ERROR' });
});

test('a table name option keeps sessions apart', async () => {
  const path = tempPath();
  const users = openStore({ db: path, table: 'user_sessions' });
  const admins = openStore({ db: path, table: 'admin_sessions' });

  await users.set('same-sid', sessionFor(60_000, { who: 'user' }));
  await admins.set('same-sid', sessionFor(60_000, { who: 'admin' }));

  expect(await users.get('same-sid')).toMatchObject({ who: 'user' });
  expect(await admins.get('same-sid')).toMatchObject({ who: 'admin' });
});

test('a table with the same name but other columns is refused with a clear error', () => {
  const { db } = storeWithDb();
  db.exec('CREATE TABLE legacy (sid PRIMARY KEY, expired, sess)');

  expect(() => new SQLiteStore({ db, table: 'legacy' })).toThrow(/already exists with columns \(sid, expired, sess\)/);
});

test('after close, every method fails with StoreClosedError through its callback', async () => {
  const store = openStore();
  await store.close();

  const error = await new Promise<Error | null>((resolve) => store.get('a', resolve));

  expect(error).toBeInstanceOf(StoreClosedError);
  await expect(store.set('a', sessionFor(1000))).rejects.toBeInstanceOf(StoreClosedError);
  await expect(store.touch('a', sessionFor(1000))).rejects.toBeInstanceOf(StoreClosedError);
  await expect(store.destroy('a')).rejects.toBeInstanceOf(StoreClosedError);
  await expect(store.all()).rejects.toBeInstanceOf(StoreClosedError);
  await expect(store.ids()).rejects.toBeInstanceOf(StoreClosedError);
  await expect(store.length()).rejects.toBeInstanceOf(StoreClosedError);
  await expect(store.clear()).rejects.toBeInstanceOf(StoreClosedError);
  await expect(store.prune()).rejects.toBeInstanceOf(StoreClosedError);
});

test('length and ids are answered from the expiry index, get from the primary key, without scanning rows', async () => {
  const statements: string[] = [];
  const db = new Database(':memory:', { verbose: (sql) => statements.push(String(sql)) });
  onTestFinished(() => {
    db.close();
  });
  const store = openStore({ db });

  await store.length();
  await store.ids();
  await store.get('a');

  const plan = (sql: string) =>
    db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...Array.from(sql.matchAll(/\?/g), () => 0))
      .map((step) => (step as { detail: string }).detail);
  const [length, ids, get] = statements.slice(-3);
  expect(plan(length!).filter((step) => step.includes('sessions'))).toEqual([
    'SCAN sessions USING COVERING INDEX sessions_expires_idx',
    'SEARCH sessions USING COVERING INDEX sessions_expires_idx (expires<?)',
  ]);
  expect(plan(ids!)).toEqual(['SEARCH sessions USING COVERING INDEX sessions_expires_idx (expires>?)']);
  expect(plan(get!)).toEqual(['SEARCH sessions USING PRIMARY KEY (sid=?)']);
});

test('set, touch and destroy are one statement each; set is an upsert, not a replace', async () => {
  const statements: string[] = [];
  const db = new Database(':memory:', { verbose: (sql) => statements.push(String(sql).trim()) });
  onTestFinished(() => {
    db.close();
  });
  const store = openStore({ db });
  const ran = async (work: () => Promise<unknown>) => {
    statements.length = 0;
    await work();
    return statements.map((sql) => sql.split(/\s+/).slice(0, 2).join(' '));
  };

  expect(await ran(() => store.set('a', sessionFor(60_000)))).toEqual(['INSERT INTO']);
  expect(statements[0]).toMatch(/ON CONFLICT \(sid\) DO UPDATE/);
  expect(await ran(() => store.touch('a', sessionFor(90_000)))).toEqual(['UPDATE "sessions"']);
  expect(await ran(() => store.destroy('a'))).toEqual(['DELETE FROM']);
});

test('with a custom serializer, touch reads and writes inside BEGIN IMMEDIATE', async () => {
  const statements: string[] = [];
  const db = new Database(':memory:', { verbose: (sql) => statements.push(String(sql).trim()) });
  onTestFinished(() => {
    db.close();
  });
  const store = openStore({ db, serializer: { stringify: (v) => JSON.stringify(v), parse: (t) => JSON.parse(t) } });
  await store.set('a', sessionFor(60_000));
  statements.length = 0;

  await store.touch('a', sessionFor(90_000));

  expect(statements.map((sql) => sql.split(/\s+/)[0])).toEqual(['BEGIN', 'SELECT', 'UPDATE', 'COMMIT']);
  expect(statements[0]).toBe('BEGIN IMMEDIATE');
});

test('statements are prepared when the store is built, never per call', async () => {
  const db = new Database(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const store = openStore({ db });
  const prepare = vi.spyOn(db, 'prepare');

  await store.set('a', sessionFor(60_000));
  await store.get('a');
  await store.touch('a', sessionFor(60_000));
  await store.all();
  await store.ids();
  await store.length();
  await store.prune();
  await store.destroy('a');
  await store.clear();

  expect(prepare).not.toHaveBeenCalled();
});

test('touchAfter applies with a custom serializer too', async () => {
  const serializer: Serializer = { stringify: (v) => JSON.stringify(v), parse: (t) => JSON.parse(t) };
  const { store, row } = storeWithDb({ serializer, touchAfter: 60_000 });
  const first = sessionFor(3_600_000);
  await store.set('sid-1', first);

  await store.touch('sid-1', { cookie: { expires: new Date(first.cookie.expires!.getTime() + 1_000) } } as SessionData);
  expect(row('sid-1')!.expires).toBe(first.cookie.expires!.getTime());

  const moved = new Date(first.cookie.expires!.getTime() + 120_000);
  await store.touch('sid-1', { cookie: { expires: moved } } as SessionData);
  expect(row('sid-1')!.expires).toBe(moved.getTime());
});
