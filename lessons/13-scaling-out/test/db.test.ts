import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { migrations, openDatabase } from '../src/db.ts';

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDatabasePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forum-test-'));
  tempDirs.push(dir);
  return join(dir, 'forum.db');
}

test('creates the users table with its columns, status and role included', () => {
  const db = openDatabase(':memory:');

  const columns = db.prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?)').all('users');

  expect(columns).toEqual([
    { name: 'id', type: 'INTEGER', notnull: 0, pk: 1 },
    { name: 'username', type: 'TEXT', notnull: 1, pk: 0 },
    { name: 'email', type: 'TEXT', notnull: 1, pk: 0 },
    { name: 'created_at', type: 'TEXT', notnull: 1, pk: 0 },
    { name: 'password_hash', type: 'TEXT', notnull: 0, pk: 0 },
    { name: 'status', type: 'TEXT', notnull: 1, pk: 0 },
    { name: 'role', type: 'TEXT', notnull: 1, pk: 0 },
  ]);
  db.close();
});

test('a new database is at the latest schema version', () => {
  const db = openDatabase(':memory:');

  expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
  db.close();
});

// #region migration-test
test('a database from lessons 03 to 06 gets the password_hash column and keeps its users', () => {
  const path = tempDatabasePath();
  // What lesson 06 left behind: the old table, one user, user_version 0.
  const old = new Database(path);
  old.exec(`CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE, created_at TEXT NOT NULL) STRICT`);
  old.prepare('INSERT INTO users (username, email, created_at) VALUES (?, ?, ?)').run('ada', 'ada@example.com', '2025-01-01T00:00:00.000Z');
  old.close();

  const db = openDatabase(path);

  expect(db.prepare('SELECT username, password_hash FROM users').all()).toEqual([{ username: 'ada', password_hash: null }]);
  expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
  db.close();
});
// #endregion migration-test

test('opening a migrated database again runs no step twice', () => {
  const path = tempDatabasePath();
  openDatabase(path).close();

  // A second ALTER TABLE ... ADD COLUMN password_hash would throw "duplicate column name".
  const db = openDatabase(path);

  expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
  db.close();
});

test('a database from newer code is refused rather than used', () => {
  const path = tempDatabasePath();
  const newer = new Database(path);
  newer.pragma('user_version = 99');
  newer.close();

  expect(() => openDatabase(path)).toThrow('The database is at schema version 99, newer than this code (5)');
});

test('turns foreign key checks on', () => {
  const db = openDatabase(':memory:');

  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  db.close();
});

test('uses write-ahead logging for a file', () => {
  const db = openDatabase(tempDatabasePath());

  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  db.close();
});

// #region reopen-test
test('opening an existing file again keeps its users', () => {
  const path = tempDatabasePath();
  const first = openDatabase(path);
  first.prepare('INSERT INTO users (username, email, created_at) VALUES (?, ?, ?)').run('ada', 'ada@example.com', '2025-01-01T00:00:00.000Z');
  first.close();

  const second = openDatabase(path);

  expect(second.prepare('SELECT username FROM users').all()).toEqual([{ username: 'ada' }]);
  second.close();
});
// #endregion reopen-test

test('each :memory: database is separate', () => {
  const a = openDatabase(':memory:');
  const b = openDatabase(':memory:');
  a.prepare('INSERT INTO users (username, email, created_at) VALUES (?, ?, ?)').run('ada', 'ada@example.com', 'now');

  expect(b.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
  a.close();
  b.close();
});

test('email is unique without regard to letter case', () => {
  const db = openDatabase(':memory:');
  const insert = db.prepare('INSERT INTO users (username, email, created_at) VALUES (?, ?, ?)');
  insert.run('ada', 'ada@example.com', 'now');

  expect(() => insert.run('ada2', 'ADA@EXAMPLE.COM', 'now')).toThrow('UNIQUE constraint failed: users.email');
  db.close();
});

test('the table is strict: a column refuses a value of the wrong type', () => {
  const db = openDatabase(':memory:');

  expect(() =>
    db.prepare('INSERT INTO users (username, email, created_at) VALUES (?, ?, ?)').run('ada', 'ada@example.com', Buffer.from('2025')),
  ).toThrow('cannot store BLOB value in TEXT column users.created_at');
  db.close();
});

// #region lesson-07-upgrade-test
test('a database from lesson 07 gets status and role: its accounts become approved members', () => {
  const path = tempDatabasePath();
  // What lesson 07 left behind: three schema steps and one account.
  const old = openDatabase(path);
  old.exec(`DROP TABLE replies; DROP TABLE posts; DROP INDEX users_status;
    ALTER TABLE users DROP COLUMN role; ALTER TABLE users DROP COLUMN status; PRAGMA user_version = 3`);
  old.prepare("INSERT INTO users (username, email, password_hash, created_at) VALUES ('ada', 'ada@example.com', 'scrypt$…', '2025-01-01T00:00:00.000Z')").run();
  old.close();

  const db = openDatabase(path);

  expect(db.prepare('SELECT username, password_hash, status, role FROM users').all()).toEqual([
    { username: 'ada', password_hash: 'scrypt$…', status: 'approved', role: 'member' },
  ]);
  expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
  db.close();
});
// #endregion lesson-07-upgrade-test

test('a new account defaults to a pending member, and the database refuses any other status or role', () => {
  const db = openDatabase(':memory:');
  const insert = db.prepare("INSERT INTO users (username, email, created_at, status, role) VALUES (?, ?, 'now', ?, ?)");
  db.prepare("INSERT INTO users (username, email, created_at) VALUES ('ada', 'ada@example.com', 'now')").run();

  expect(db.prepare('SELECT status, role FROM users').get()).toEqual({ status: 'pending', role: 'member' });
  expect(() => insert.run('bob', 'bob@example.com', 'banned', 'member')).toThrow(/CHECK constraint failed/);
  expect(() => insert.run('bob', 'bob@example.com', 'approved', 'owner')).toThrow(/CHECK constraint failed/);
  db.close();
});
