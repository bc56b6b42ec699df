import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect, onTestFinished, test, vi } from 'vitest';
import { DEFAULTS, SQLiteStore, StoreClosedError } from '../src/index.ts';
import { fakeTimers, nextTurn, openStore, sessionFor, tempPath } from './helpers.ts';

function insertExpired(db: Database.Database, count: number): void {
  const insert = db.prepare('INSERT INTO sessions (sid, expires, sess) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`old-${i}`, Date.now() - 1000 - i, '{}');
  })();
}

/** A Database that records every statement it runs, for counting batches. */
function tracedDb() {
  const statements: string[] = [];
  const db = new Database(':memory:', { verbose: (sql) => statements.push(String(sql)) });
  onTestFinished(() => {
    db.close();
  });
  const pruneBatches = () => statements.filter((sql) => sql.startsWith('DELETE') && sql.includes('LIMIT')).length;
  return { db, pruneBatches };
}

test('is ready when its constructor returns: it never emits connect', async () => {
  const store = openStore();
  const connect = vi.fn();
  store.on('connect', connect);

  await nextTurn();
  await store.set('a', sessionFor(60_000));
  await store.close();
  await nextTurn();

  expect(connect).not.toHaveBeenCalled();
});

test('close() emits disconnect before it returns, once, however often it is called', async () => {
  const store = openStore();
  const disconnect = vi.fn();
  store.on('disconnect', disconnect);

  const closing = store.close();
  expect(disconnect).toHaveBeenCalledTimes(1);
  await closing;
  await store.close();
  await new Promise<void>((resolve, reject) => store.close((error) => (error ? reject(error) : resolve())));
  await nextTurn();

  expect(store.closed).toBe(true);
  expect(disconnect).toHaveBeenCalledTimes(1);
});

test('disconnect comes after the store has closed its database, and before close() calls back', async () => {
  const path = tempPath();
  const store = new SQLiteStore({ db: path });
  await store.set('a', sessionFor(60_000));
  const order: string[] = [];
  store.on('disconnect', () => order.push(`disconnect, WAL file ${existsSync(`${path}-wal`) ? 'still there' : 'gone'}`));

  await new Promise<void>((resolve) =>
    store.close(() => {
      order.push('close callback');
      resolve();
    }),
  );

  expect(order).toEqual(['disconnect, WAL file gone', 'close callback']);
});

test('close() closes a database the store opened, checkpointing its WAL', async () => {
  const path = tempPath();
  const store = new SQLiteStore({ db: path });
  await store.set('a', sessionFor(60_000));
  expect(existsSync(`${path}-wal`)).toBe(true);

  await store.close();

  // SQLite removes the WAL file when the last connection closes.
  expect(existsSync(`${path}-wal`)).toBe(false);
});

test('close() leaves a Database you passed in open', async () => {
  const db = new Database(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const store = new SQLiteStore({ db });

  await store.close();

  expect(db.open).toBe(true);
  expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
});

test('a store that opens a file turns on WAL and synchronous=NORMAL on its own connection', async () => {
  const path = tempPath();
  openStore({ db: path });

  const other = new Database(path);
  onTestFinished(() => {
    other.close();
  });
  expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
});

test('a Database you pass in keeps its own journal mode, synchronous and timeout', () => {
  const path = tempPath();
  const db = new Database(path, { timeout: 1234 });
  onTestFinished(() => {
    db.close();
  });
  openStore({ db });

  expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
  expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
});

test('two stores on one file see each other\'s writes', async () => {
  const path = tempPath();
  const first = openStore({ db: path });
  const second = openStore({ db: path });

  await first.set('a', sessionFor(60_000, { from: 'first' }));
  expect(await second.get('a')).toMatchObject({ from: 'first' });

  await second.touch('a', sessionFor(120_000, { from: 'first' }));
  await second.destroy('a');
  expect(await first.get('a')).toBeNull();
  expect(await first.length()).toBe(0);
});

test('prune deletes expired rows in batches of pruneBatchSize and keeps live ones', async () => {
  const { db, pruneBatches } = tracedDb();
  const store = openStore({ db, pruneBatchSize: 1000 });
  insertExpired(db, 2500);
  await store.set('live', sessionFor(60_000));

  expect(await store.prune()).toBe(2500);

  expect(pruneBatches()).toBe(3);
  expect(db.prepare('SELECT sid FROM sessions').pluck().all()).toEqual(['live']);
});

test('prune lets other calls run between batches', async () => {
  const { db } = tracedDb();
  const store = openStore({ db, pruneBatchSize: 10 });
  insertExpired(db, 100);
  const order: string[] = [];

  const pruning = store.prune().then(() => order.push('prune done'));
  await store.set('live', sessionFor(60_000)).then(() => order.push('set done'));
  await pruning;

  expect(order).toEqual(['set done', 'prune done']);
});

test('prune calls that overlap share one run', async () => {
  const { db, pruneBatches } = tracedDb();
  const store = openStore({ db, pruneBatchSize: 100 });
  insertExpired(db, 250);

  const results = await Promise.all([store.prune(), store.prune(), new Promise((resolve) => store.prune((_e, n) => resolve(n)))]);

  expect(results).toEqual([250, 250, 250]);
  expect(pruneBatches()).toBe(3);
});

test('a later prune deletes rows that expired after the previous run finished', async () => {
  const { db } = tracedDb();
  const store = openStore({ db });
  insertExpired(db, 2);
  expect(await store.prune()).toBe(2);

  insertExpired(db, 3);

  expect(await store.prune()).toBe(3);
  expect(await new Promise((resolve) => store.prune((_error, deleted) => resolve(deleted)))).toBe(0);
  expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
});

test('prune runs by itself every pruneInterval', async () => {
  fakeTimers();
  const db = new Database(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const onError = vi.fn();
  openStore({ db, pruneInterval: 60_000, onError });
  const count = () => db.prepare('SELECT count(*) AS n FROM sessions').pluck().get();
  insertExpired(db, 5);

  await vi.advanceTimersByTimeAsync(59_999);
  expect(count()).toBe(5);
  await vi.advanceTimersByTimeAsync(1);
  expect(count()).toBe(0);

  insertExpired(db, 3);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(count()).toBe(0);
  expect(onError).not.toHaveBeenCalled();
});

test('pruneInterval: false turns the timer off', async () => {
  fakeTimers();
  const db = new Database(':memory:');
  onTestFinished(() => {
    db.close();
  });
  openStore({ db, pruneInterval: false });
  insertExpired(db, 5);

  await vi.advanceTimersByTimeAsync(DEFAULTS.pruneInterval * 2);

  expect(vi.getTimerCount()).toBe(0);
  expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 5 });
});

test('a background prune that fails is reported to onError, and the timer keeps going', async () => {
  fakeTimers();
  const db = new Database(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const onError = vi.fn();
  openStore({ db, pruneInterval: 10, onError });
  db.exec('DROP TABLE sessions');

  await vi.advanceTimersByTimeAsync(10);
  expect(onError).toHaveBeenCalledTimes(1);
  await vi.advanceTimersByTimeAsync(10);
  expect(onError).toHaveBeenCalledTimes(2);
  expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'SQLITE_ERROR' });
});

test('close() stops the prune timer', async () => {
  fakeTimers();
  const db = new Database(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const store = new SQLiteStore({ db, pruneInterval: 10 });
  expect(vi.getTimerCount()).toBe(1);

  await store.close();
  insertExpired(db, 5);
  await vi.advanceTimersByTimeAsync(100);

  expect(vi.getTimerCount()).toBe(0);
  expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 5 });
});

test('close() during a prune stops it after the current batch', async () => {
  const { db, pruneBatches } = tracedDb();
  const store = new SQLiteStore({ db, pruneInterval: false, pruneBatchSize: 10 });
  insertExpired(db, 100);

  const pruning = store.prune();
  await store.close();

  expect(await pruning).toBe(10);
  expect(pruneBatches()).toBe(1);
  await expect(store.prune()).rejects.toBeInstanceOf(StoreClosedError);
});
