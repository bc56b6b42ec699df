import request from 'supertest';
import { expect, test } from 'vitest';
import { appWith } from './helpers.ts';
import { createStrictUsersRouter } from './strict-body.ts';

test('a body with an unknown key answers 400 naming the key', async () => {
  const { app } = appWith(createStrictUsersRouter);

  const res = await request(app).post('/api/v1/users').send({ username: 'ada', email: 'ada@example.com', role: 'admin' });

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([{ path: '', message: 'Unrecognized key: "role"', location: 'body' }]);
  expect((await request(app).get('/api/v1/users')).body.total).toBe(0);
});

test('a body with only the known keys is still created, trimmed and lowercased', async () => {
  const { app } = appWith(createStrictUsersRouter);

  const res = await request(app).post('/api/v1/users').send({ username: ' ada ', email: 'ADA@example.com' });

  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ username: 'ada', email: 'ada@example.com' });
});

test('field problems are still reported next to the unknown key', async () => {
  const { app } = appWith(createStrictUsersRouter);

  const res = await request(app).post('/api/v1/users').send({ username: 'ada', admin: true });

  expect(res.body.errors).toEqual([
    { path: 'email', message: 'is required', location: 'body' },
    { path: '', message: 'Unrecognized key: "admin"', location: 'body' },
  ]);
});
