import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { openDatabase } from '../src/db.ts';

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDatabasePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forum-test-'));
  tempDirs.push(dir);
  return join(dir, 'forum.db');
}

test('creates the users table with its columns', () => {
  const db = openDatabase(':memory:');

  const columns = db.prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?)').all('users');

  expect(columns).toEqual([
    { name: 'id', type: 'INTEGER', notnull: 0, pk: 1 },
    { name: 'username', type: 'TEXT', notnull: 1, pk: 0 },
    { name: 'email', type: 'TEXT', notnull: 1, pk: 0 },
    { name: 'created_at', type: 'TEXT', notnull: 1, pk: 0 },
  ]);
  db.close();
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
