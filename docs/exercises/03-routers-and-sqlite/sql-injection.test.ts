import request from 'supertest';
import { expect, test } from 'vitest';
import { appWith } from './helpers.ts';
import { createUsersRouter } from './sql-injection.ts';

const attack = encodeURIComponent("' OR '1'='1");

async function appWithTwoUsers() {
  const { app, db } = appWith(createUsersRouter);
  const insert = db.prepare('INSERT INTO users (username, email, created_at) VALUES (?, ?, ?)');
  insert.run('ada', 'ada@example.com', 'now');
  insert.run('grace', 'grace@example.com', 'now');
  return app;
}

test('pasted into the SQL, a crafted name returns every user', async () => {
  const res = await request(await appWithTwoUsers()).get(`/api/v1/users/by-name/${attack}`);

  expect(res.body.users).toHaveLength(2);
});

test('with a placeholder, the same name matches no one', async () => {
  const res = await request(await appWithTwoUsers()).get(`/api/v1/users/by-name-safe/${attack}`);

  expect(res.body).toEqual({ users: [] });
});
