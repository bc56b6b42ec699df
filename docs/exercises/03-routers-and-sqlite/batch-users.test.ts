import request from 'supertest';
import { expect, test } from 'vitest';
import { createUsersRouterWithBatch } from './batch-users.ts';
import { appWith } from './helpers.ts';

test('POST /api/v1/users/batch creates every user', async () => {
  const { app } = appWith(createUsersRouterWithBatch);

  const res = await request(app)
    .post('/api/v1/users/batch')
    .send({ users: [{ username: 'ada', email: 'ada@example.com' }, { username: 'grace', email: 'grace@example.com' }] });

  expect(res.status).toBe(201);
  expect(res.body).toEqual({ ids: [1, 2] });
});

test('one duplicate in the batch creates no user at all', async () => {
  const { app } = appWith(createUsersRouterWithBatch);

  const res = await request(app)
    .post('/api/v1/users/batch')
    .send({ users: [{ username: 'ada', email: 'ada@example.com' }, { username: 'ada', email: 'other@example.com' }] });

  expect(res.status).toBe(409);
  expect((await request(app).get('/api/v1/users')).body).toEqual({ users: [] });
});

test('a batch that is not a list of users answers 400', async () => {
  const res = await request(appWith(createUsersRouterWithBatch).app).post('/api/v1/users/batch').send({ users: [{ username: 'ada' }] });

  expect(res.status).toBe(400);
});
