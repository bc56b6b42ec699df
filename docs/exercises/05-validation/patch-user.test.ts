import request from 'supertest';
import { expect, test } from 'vitest';
import { appWith } from './helpers.ts';
import { createUsersRouterWithPatch } from './patch-user.ts';

async function appWithAda() {
  const { app } = appWith(createUsersRouterWithPatch);
  await request(app).post('/api/v1/users').send({ username: 'ada', email: 'ada@example.com' });
  return app;
}

test('changes only the fields it is given, with the same trimming and lowercasing', async () => {
  const app = await appWithAda();

  const res = await request(app).patch('/api/v1/users/1').send({ email: ' Countess@Example.com ' });

  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ id: 1, username: 'ada', email: 'countess@example.com' });
});

test('an empty body answers 400', async () => {
  const res = await request(await appWithAda()).patch('/api/v1/users/1').send({});

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([{ path: '', message: 'give at least one of username, email', location: 'body' }]);
});

test('a bad id and a bad field are reported together', async () => {
  const res = await request(await appWithAda()).patch('/api/v1/users/abc').send({ username: 'a b' });

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([
    { path: 'id', message: 'must be a positive whole number', location: 'params' },
    { path: 'username', message: 'may contain only letters, digits and underscores', location: 'body' },
  ]);
});

test('an unknown id answers 404', async () => {
  const res = await request(await appWithAda()).patch('/api/v1/users/9').send({ username: 'grace' });

  expect(res.status).toBe(404);
});

test('a taken email answers 409 and leaves the user as it was', async () => {
  const app = await appWithAda();
  await request(app).post('/api/v1/users').send({ username: 'grace', email: 'grace@example.com' });

  const res = await request(app).patch('/api/v1/users/2').send({ email: 'ADA@example.com' });

  expect(res.status).toBe(409);
  expect((await request(app).get('/api/v1/users/2')).body.email).toBe('grace@example.com');
});
