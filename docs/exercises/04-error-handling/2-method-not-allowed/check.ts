// Check for lesson 04, exercise 2: 405 Method Not Allowed with an Allow header.
import request from 'supertest';
import { expect } from 'vitest';
import { makeApp } from '../../../../lessons/04-error-handling/test/helpers.ts';
import { expectation } from '../../expectation.ts';

expectation(
  'DELETE /api/v1/users answers 405 with Allow: GET, POST',
  'After the real routes, a route for every method (router.all(\'/\', …)) catches what they did not answer.',
  async () => {
    const res = await request(makeApp().app).delete('/api/v1/users');

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, POST');
  },
);

expectation(
  'PUT /api/v1/users/1 answers 405 with Allow: GET',
  'Give /:id its own catch-all route, allowing only GET.',
  async () => {
    const res = await request(makeApp().app).put('/api/v1/users/1');

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
  },
);

expectation(
  'the 405 is in the error format',
  'Throw createError(405, message, { headers: { Allow: … } }): the error handler answers it as problem details and sets the headers.',
  async () => {
    const res = await request(makeApp().app).delete('/api/v1/users');

    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 405, title: 'Method Not Allowed', instance: '/api/v1/users' });
  },
);

expectation(
  'the real routes still answer, and unknown paths stay 404',
  'Register the catch-all routes after GET and POST, and only for the users paths.',
  async () => {
    const { app } = makeApp();

    expect((await request(app).get('/api/v1/users')).status).toBe(200);
    expect((await request(app).post('/api/v1/users').send({ username: 'ada', email: 'ada@example.com' })).status).toBe(201);
    expect((await request(app).delete('/api/v1/nothing-here')).status).toBe(404);
  },
);
