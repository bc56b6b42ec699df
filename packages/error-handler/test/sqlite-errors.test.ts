import Database from 'better-sqlite3';
import express from 'express';
import request from 'supertest';
import { expect, test } from 'vitest';
import { appWith } from './helpers.ts';

// A real in-memory database per test, so the errors are the ones
// better-sqlite3 really throws.
function forum() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      email TEXT NOT NULL UNIQUE,
      name TEXT,
      age INTEGER CHECK (age > 0)
    );
    CREATE UNIQUE INDEX users_name_lower ON users (lower(name));
    CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES users (id));
    CREATE TABLE votes (post_id INTEGER, user_id INTEGER, UNIQUE (post_id, user_id));
    CREATE TABLE tags (slug TEXT PRIMARY KEY);
  `);
  db.prepare("INSERT INTO users (id, email, name) VALUES (1, 'ada@example.com', 'Ada')").run();
  return db;
}

function appRunning(sql: string, ...params: unknown[]) {
  const db = forum();
  return appWith((app) => {
    app.use(express.json());
    app.post('/run', (_req, res) => {
      db.prepare(sql).run(...params);
      res.status(201).end();
    });
  });
}

test('a UNIQUE violation answers 409 naming the column, not the table or the SQL', async () => {
  const { app, logs } = appRunning("INSERT INTO users (email) VALUES ('ada@example.com')");

  const res = await request(app).post('/run');

  expect(res.status).toBe(409);
  expect(res.body).toEqual({
    type: 'about:blank',
    title: 'Conflict',
    status: 409,
    detail: 'email is already taken',
    instance: '/run',
  });
  expect(res.text).not.toMatch(/users|UNIQUE|INSERT/);
  expect(logs).toEqual([]);
});

test('an INTEGER PRIMARY KEY violation answers 409 "id is already taken"', async () => {
  const { app } = appRunning("INSERT INTO users (id, email) VALUES (1, 'other@example.com')");

  const res = await request(app).post('/run');

  expect(res.status).toBe(409);
  expect(res.body.detail).toBe('id is already taken');
});

test('a TEXT PRIMARY KEY violation answers 409 naming the column', async () => {
  const { app } = appRunning("INSERT INTO tags (slug) VALUES ('a'), ('a')");

  const res = await request(app).post('/run');

  expect(res.status).toBe(409);
  expect(res.body.detail).toBe('slug is already taken');
});

test('a composite UNIQUE violation names every column', async () => {
  const { app } = appRunning('INSERT INTO votes (post_id, user_id) VALUES (1, 1), (1, 1)');

  const res = await request(app).post('/run');

  expect(res.status).toBe(409);
  expect(res.body.detail).toBe('This combination of post_id and user_id is already taken');
});

test('a violated expression index answers 409 without the index name', async () => {
  const { app } = appRunning("INSERT INTO users (email, name) VALUES ('b@example.com', 'ADA')");

  const res = await request(app).post('/run');

  expect(res.status).toBe(409);
  expect(res.body.detail).toBe('A record with these values already exists');
  expect(res.text).not.toContain('users_name_lower');
});

test('a FOREIGN KEY violation answers 409', async () => {
  const { app } = appRunning('INSERT INTO posts (author_id) VALUES (99)');

  const res = await request(app).post('/run');

  expect(res.status).toBe(409);
  expect(res.body.detail).toBe('The request refers to a record that does not exist, or the record is still in use');
});

test('deleting a row others still refer to answers 409 too', async () => {
  const db = forum();
  db.prepare('INSERT INTO posts (author_id) VALUES (1)').run();
  const { app } = appWith((app) =>
    app.delete('/users/:id', (req, res) => {
      db.prepare('DELETE FROM users WHERE id = ?').run(Number(req.params.id));
      res.status(204).end();
    }),
  );

  const res = await request(app).delete('/users/1');

  expect(res.status).toBe(409);
});

test('a NOT NULL violation answers 400 "<column> is required"', async () => {
  const { app } = appRunning('INSERT INTO users (email) VALUES (NULL)');

  const res = await request(app).post('/run');

  expect(res.status).toBe(400);
  expect(res.body.detail).toBe('email is required');
});

test('a CHECK violation answers 400 without the constraint expression', async () => {
  const { app } = appRunning("INSERT INTO users (email, age) VALUES ('c@example.com', -1)");

  const res = await request(app).post('/run');

  expect(res.status).toBe(400);
  expect(res.body.detail).toBe('A value in the request is not allowed');
  expect(res.text).not.toContain('age > 0');
});

test('a constraint failure from a trigger answers 409 with a generic detail', async () => {
  const db = forum();
  db.exec(`CREATE TRIGGER no_posts BEFORE INSERT ON posts BEGIN SELECT RAISE(ABORT, 'posts are closed'); END;`);
  const { app } = appWith((app) =>
    app.post('/posts', (_req, res) => {
      db.prepare('INSERT INTO posts (author_id) VALUES (1)').run();
      res.status(201).end();
    }),
  );

  const res = await request(app).post('/posts');

  expect(res.status).toBe(409);
  expect(res.body.detail).toBe('The request conflicts with the stored data');
});

test('any other SQLite error is a 500 that reaches the log and not the client', async () => {
  const { app, logs } = appRunning('INSERT INTO no_such_table VALUES (1)');

  const res = await request(app).post('/run');

  expect(res.status).toBe(500);
  expect(res.body.detail).toBe('Something went wrong on our side.');
  expect(res.text).not.toContain('no_such_table');
  expect(logs).toHaveLength(1);
  expect((logs[0]!.error as { code: string }).code).toBe('SQLITE_ERROR');
});
