import request from 'supertest';
import { expect, test } from 'vitest';
import { createUsersRouterWithDelete } from './delete-user.ts';
import { appWith } from './helpers.ts';

test('DELETE /api/v1/users/:id answers 204 and the user is gone', async () => {
  const { app } = appWith(createUsersRouterWithDelete);
  await request(app).post('/api/v1/users').send({ username: 'ada', email: 'ada@example.com' });

  const res = await request(app).delete('/api/v1/users/1');

  expect(res.status).toBe(204);
  expect(res.text).toBe('');
  expect((await request(app).get('/api/v1/users/1')).status).toBe(404);
});

test('DELETE answers 404 for an id no user has', async () => {
  const res = await request(appWith(createUsersRouterWithDelete).app).delete('/api/v1/users/7');

  expect(res.status).toBe(404);
  expect(res.body).toEqual({ error: 'User not found' });
});

test('DELETE answers 400 for an id that is not a positive whole number', async () => {
  const res = await request(appWith(createUsersRouterWithDelete).app).delete('/api/v1/users/abc');

  expect(res.status).toBe(400);
});
