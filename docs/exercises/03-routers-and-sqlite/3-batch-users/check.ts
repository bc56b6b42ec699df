// Check for lesson 03, exercise 3: POST /api/v1/users/batch creates all users or none.
import request from 'supertest';
import { expect } from 'vitest';
import { makeApp } from '../../../../lessons/03-routers-and-sqlite/test/helpers.ts';
import { expectation } from '../../expectation.ts';

const ada = { username: 'ada', email: 'ada@example.com' };
const grace = { username: 'grace', email: 'grace@example.com' };

expectation(
  'a batch of new users answers 201 and creates them all',
  'Add router.post(\'/batch\', …) before the routes with :id, reading req.body.users.',
  async () => {
    const { app } = makeApp();
    const res = await request(app).post('/api/v1/users/batch').send({ users: [ada, grace] });

    expect(res.status).toBe(201);
    expect((await request(app).get('/api/v1/users')).body.users).toMatchObject([ada, grace]);
  },
);

expectation(
  'when one user cannot be created, none is, and the answer is an error',
  'Wrap the inserts in db.transaction(fn): when one INSERT throws, SQLite rolls back the ones before it.',
  async () => {
    const { app } = makeApp();
    await request(app).post('/api/v1/users').send(ada);
    const res = await request(app)
      .post('/api/v1/users/batch')
      .send({ users: [grace, { username: 'ada2', email: 'ada@example.com' }] });

    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await request(app).get('/api/v1/users')).body.users).toMatchObject([ada]);
  },
);

expectation(
  'a body without a list of users answers 400',
  'Check that req.body.users is a non-empty array of { username, email } before inserting anything.',
  async () => {
    const { app } = makeApp();
    for (const body of [{}, { users: [] }, { users: [{ username: 'ada' }] }]) {
      expect((await request(app).post('/api/v1/users/batch').send(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await request(app).get('/api/v1/users')).body.users).toEqual([]);
  },
);
