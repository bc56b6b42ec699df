// Check for lesson 05, exercise 2: PATCH /api/v1/users/:id.
import request from 'supertest';
import { expect } from 'vitest';
import { makeApp } from '../../../../lessons/05-validation/test/helpers.ts';
import { expectation } from '../../expectation.ts';

async function appWithAda() {
  const { app } = makeApp();
  await request(app).post('/api/v1/users').send({ username: 'ada', email: 'ada@example.com' });
  return app;
}

expectation(
  'PATCH changes only the fields it is given, with the same trimming and lowercasing',
  'Add router.patch(\'/:id\', validate({ params, body }), …); newUserBody.partial() keeps every rule and makes each field optional.',
  async () => {
    const app = await appWithAda();
    const res = await request(app).patch('/api/v1/users/1').send({ email: ' Countess@Example.com ' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 1, username: 'ada', email: 'countess@example.com' });
    expect((await request(app).get('/api/v1/users/1')).body.email).toBe('countess@example.com');
  },
);

expectation(
  'an empty body answers 400',
  'A .refine() on the whole object can refuse a patch without any field.',
  async () => {
    const res = await request(await appWithAda()).patch('/api/v1/users/1').send({});

    expect(res.status).toBe(400);
  },
);

expectation(
  'a bad id and a bad field are reported in the same answer',
  'Give one validate() both schemas, params and body, so that it reports both parts together.',
  async () => {
    const res = await request(await appWithAda()).patch('/api/v1/users/abc').send({ username: 'a b' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'id', location: 'params' }), expect.objectContaining({ path: 'username', location: 'body' })]),
    );
  },
);

expectation(
  'an unknown id answers 404',
  'UPDATE … RETURNING gives no row when the id matched none: throw createError(404, …).',
  async () => {
    const res = await request(await appWithAda()).patch('/api/v1/users/9').send({ username: 'grace' });

    expect(res.status).toBe(404);
  },
);

expectation(
  'a taken email answers 409 and leaves the user as it was',
  'Let SQLite\'s UNIQUE constraint throw: the error handler already answers it with 409, as for POST.',
  async () => {
    const app = await appWithAda();
    await request(app).post('/api/v1/users').send({ username: 'grace', email: 'grace@example.com' });
    const res = await request(app).patch('/api/v1/users/2').send({ email: 'ADA@example.com' });

    expect(res.status).toBe(409);
    expect((await request(app).get('/api/v1/users/2')).body.email).toBe('grace@example.com');
  },
);
