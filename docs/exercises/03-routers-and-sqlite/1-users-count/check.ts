// Check for lesson 03, exercise 1: GET /api/v1/users/count.
import request from 'supertest';
import { expect } from 'vitest';
import { makeApp } from '../../../../lessons/03-routers-and-sqlite/test/helpers.ts';
import { expectation } from '../../expectation.ts';

expectation(
  'GET /api/v1/users/count answers { "count": 0 } on an empty database',
  'Add router.get(\'/count\', …) to the users router, before router.get(\'/:id\', …): routes are tried in order.',
  async () => {
    const res = await request(makeApp().app).get('/api/v1/users/count');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 0 });
  },
);

expectation(
  'the count follows the users created',
  'SELECT count(*) AS count FROM users, run with .get(), returns { count: n }.',
  async () => {
    const { app } = makeApp();
    await request(app).post('/api/v1/users').send({ username: 'ada', email: 'ada@example.com' });
    await request(app).post('/api/v1/users').send({ username: 'grace', email: 'grace@example.com' });

    expect((await request(app).get('/api/v1/users/count')).body).toEqual({ count: 2 });
  },
);

expectation(
  'GET /api/v1/users/1 still finds a user',
  'Keep the /:id route; only add /count in front of it.',
  async () => {
    const { app } = makeApp();
    await request(app).post('/api/v1/users').send({ username: 'ada', email: 'ada@example.com' });

    expect((await request(app).get('/api/v1/users/1')).body).toMatchObject({ id: 1, username: 'ada' });
  },
);
