import request from 'supertest';
import { expect, test } from 'vitest';
import { createUsersRouter } from '../../../lessons/03-routers-and-sqlite/src/routes/users.ts';
import { appWith } from './helpers.ts';
import { createUsersRouterWithCount } from './users-count.ts';

test('GET /api/v1/users/count counts the users', async () => {
  const { app } = appWith(createUsersRouterWithCount);
  expect((await request(app).get('/api/v1/users/count')).body).toEqual({ count: 0 });

  await request(app).post('/api/v1/users').send({ username: 'ada', email: 'ada@example.com' });

  expect((await request(app).get('/api/v1/users/count')).body).toEqual({ count: 1 });
});

test('the lesson routes still work behind it', async () => {
  const { app } = appWith(createUsersRouterWithCount);
  await request(app).post('/api/v1/users').send({ username: 'ada', email: 'ada@example.com' });

  expect((await request(app).get('/api/v1/users/1')).body).toMatchObject({ username: 'ada' });
});

test('registered after GET /:id, the count route is never reached', async () => {
  const { app } = appWith(({ db }) => {
    const router = createUsersRouter({ db });
    router.get('/count', (_req, res) => {
      res.json({ count: 0 });
    });
    return router;
  });

  const res = await request(app).get('/api/v1/users/count');

  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error: 'id must be a positive whole number' });
});
