import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { DEFAULTS, SQLiteStore, type SQLiteStoreOptions } from '../src/index.ts';
import { openStore, tempPath } from './helpers.ts';

function build(options: Record<string, unknown>): () => SQLiteStore {
  return () => new SQLiteStore(options as unknown as SQLiteStoreOptions);
}

test('defaults are one day of ttl, a 15 minute prune, and no touch skipping', () => {
  expect(DEFAULTS).toEqual({
    table: 'sessions',
    ttl: 86_400_000,
    pruneInterval: 900_000,
    pruneBatchSize: 1000,
    touchAfter: 0,
    busyTimeout: 5000,
  });
});

test('options must be an object', () => {
  expect(() => new SQLiteStore(undefined as unknown as SQLiteStoreOptions)).toThrow(TypeError);
  expect(() => new SQLiteStore('sessions.db' as unknown as SQLiteStoreOptions)).toThrow(/options must be an object/);
});

test('db is required', () => {
  expect(build({})).toThrow(new TypeError(
    'SQLiteStore option "db" must be a file path, ":memory:" or an open better-sqlite3 Database, got undefined',
  ));
});

test.each([[''], [42], [{}], [{ prepare: () => {} }], [null]])('db %j is refused by name', (db) => {
  expect(build({ db })).toThrow(/option "db" must be/);
});

test('a closed Database is refused', () => {
  const db = new Database(':memory:');
  db.close();

  expect(build({ db })).toThrow(/option "db" must be an open better-sqlite3 Database, got a closed Database/);
});

test('a read-only Database is refused', () => {
  const path = tempPath();
  new Database(path).close();
  const db = new Database(path, { readonly: true });

  try {
    expect(build({ db })).toThrow(/option "db" must be a writable better-sqlite3 Database, got a read-only Database/);
  } finally {
    db.close();
  }
});

test.each([
  ['sessions"; DROP TABLE users; --'],
  ['sessions; DROP TABLE users'],
  ['1sessions'],
  ['my-sessions'],
  ['sess ions'],
  [''],
  ['a'.repeat(64)],
  ['sqlite_master'],
  [42],
])('table %j is refused, which rules out SQL injection through the name', (table) => {
  expect(build({ db: ':memory:', table })).toThrow(/option "table" must be a name matching/);
});

test('a valid table name is accepted, even an SQL keyword (it is quoted)', () => {
  const store = openStore({ table: 'order' });
  expect(store.closed).toBe(false);
});

test.each([[0], [-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], ['1000']])('ttl %j is refused by name', (ttl) => {
  expect(build({ db: ':memory:', ttl })).toThrow(/option "ttl" must be a positive whole number of milliseconds/);
});

test.each([[0], [-5], [true], ['60000'], [2 ** 31]])('pruneInterval %j is refused by name', (pruneInterval) => {
  expect(build({ db: ':memory:', pruneInterval })).toThrow(/option "pruneInterval" must be false or a whole number/);
});

test.each([[0], [2.5], ['100']])('pruneBatchSize %j is refused by name', (pruneBatchSize) => {
  expect(build({ db: ':memory:', pruneBatchSize })).toThrow(/option "pruneBatchSize" must be a positive whole number/);
});

test.each([[-1], [0.5], ['0']])('touchAfter %j is refused by name', (touchAfter) => {
  expect(build({ db: ':memory:', touchAfter })).toThrow(/option "touchAfter" must be a whole number of milliseconds, 0 or more/);
});

test.each([[{ stringify: JSON.stringify }], [{ stringify: 'x', parse: JSON.parse }], [null], ['json']])('serializer %# is refused by name', (serializer) => {
  expect(build({ db: ':memory:', serializer })).toThrow(/option "serializer" must be an object with stringify\(value\) and parse\(text\)/);
});

test.each([[-1], [1.5], ['5000']])('busyTimeout %j is refused by name', (busyTimeout) => {
  expect(build({ db: ':memory:', busyTimeout })).toThrow(/option "busyTimeout" must be a whole number/);
});

test('busyTimeout with a Database you opened is refused: set that connection\'s timeout yourself', () => {
  const db = new Database(':memory:');
  try {
    expect(build({ db, busyTimeout: 100 })).toThrow(/option "busyTimeout" must be left out when db is a Database you opened/);
  } finally {
    db.close();
  }
});

test('onError must be a function', () => {
  expect(build({ db: ':memory:', onError: 'log' })).toThrow(/option "onError" must be a function, got "log"/);
});

test('an unknown option (a typo) is refused by name', () => {
  expect(build({ db: ':memory:', maxage: 1000 })).toThrow(/SQLiteStore has no option "maxage"/);
});

test('a database path in a missing directory throws at construction', () => {
  expect(build({ db: '/nonexistent-dir/for/sure/sessions.db' })).toThrow(/directory does not exist/);
});
