import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApp, problemFor } from './helpers.ts';

const ada = { username: 'ada', email: 'ada@example.com' };
const grace = { username: 'grace', email: 'grace@example.com' };

// #region create-test
test('POST /api/v1/users creates a user: 201, the user, and its Location', async () => {
  const { app } = makeApp();

  const res = await request(app).post('/api/v1/users').send(ada);

  expect(res.status).toBe(201);
  expect(res.body).toEqual({ id: 1, ...ada, createdAt: expect.any(String) });
  expect(Date.parse(res.body.createdAt)).not.toBeNaN();
  expect(res.headers.location).toBe('/api/v1/users/1');

  // The Location leads to the same user.
  const again = await request(app).get(res.headers.location!);
  expect(again.body).toEqual(res.body);
});
// #endregion create-test

test('GET /api/v1/users answers an empty list for a new database', async () => {
  const res = await request(makeApp().app).get('/api/v1/users');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ users: [] });
});

test('GET /api/v1/users lists every user in the order they were created', async () => {
  const { app } = makeApp();
  await request(app).post('/api/v1/users').send(grace);
  await request(app).post('/api/v1/users').send(ada);

  const res = await request(app).get('/api/v1/users');

  expect(res.body.users.map((user: { username: string }) => user.username)).toEqual(['grace', 'ada']);
  expect(res.body.users.map((user: { id: number }) => user.id)).toEqual([1, 2]);
});

test('GET /api/v1/users/:id answers the user', async () => {
  const { app } = makeApp();
  await request(app).post('/api/v1/users').send(ada);
  await request(app).post('/api/v1/users').send(grace);

  const res = await request(app).get('/api/v1/users/2');

  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ id: 2, ...grace });
});

test('GET /api/v1/users/:id answers 404 for an id no user has', async () => {
  const res = await request(makeApp().app).get('/api/v1/users/42');

  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(res.body).toEqual(problemFor(404, 'Not Found', 'User not found', '/api/v1/users/42'));
});

// #region bad-id-test
test.each(['abc', '0', '-1', '1.5', '1e3', '99999999999999999999'])(
  'GET /api/v1/users/%s answers 400: an id is a positive whole number',
  async (id) => {
    const res = await request(makeApp().app).get(`/api/v1/users/${id}`);

    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      ...problemFor(400, 'Bad Request', 'id must be a positive whole number', `/api/v1/users/${id}`),
      errors: [{ path: 'id', message: 'must be a positive whole number', location: 'params' }],
    });
  },
);
// #endregion bad-id-test

test('surrounding spaces are trimmed from username and email', async () => {
  const res = await request(makeApp().app).post('/api/v1/users').send({ username: '  ada ', email: ' ada@example.com ' });

  expect(res.status).toBe(201);
  expect(res.body).toMatchObject(ada);
});

const required = 'is required (a non-empty string)';

test.each([
  [{ email: 'ada@example.com' }, ['username']],
  [{ username: 'ada' }, ['email']],
  [{}, ['username', 'email']],
  [{ username: '   ', email: 'ada@example.com' }, ['username']],
  [{ username: 42, email: ['ada@example.com'] }, ['username', 'email']],
  [[ada], ['username', 'email']],
])('POST /api/v1/users answers 400 for %j, naming each bad field', async (body, fields) => {
  const { app } = makeApp();

  const res = await request(app).post('/api/v1/users').send(body);

  expect(res.status).toBe(400);
  expect(res.body).toEqual({
    ...problemFor(400, 'Bad Request', `${fields.join(' and ')} ${fields.length === 1 ? 'is' : 'are'} required (a non-empty string)`, '/api/v1/users'),
    errors: fields.map((path) => ({ path, message: required, location: 'body' })),
  });
  expect((await request(app).get('/api/v1/users')).body).toEqual({ users: [] });
});

test('POST /api/v1/users without a JSON body answers 400, not 500', async () => {
  const res = await request(makeApp().app)
    .post('/api/v1/users')
    .type('form')
    .send('username=ada&email=ada@example.com');

  expect(res.status).toBe(400);
  expect(res.body.detail).toBe('username and email are required (a non-empty string)');
});

// #region conflict-test
test('POST /api/v1/users answers 409 when the email is taken, in any letter case', async () => {
  const { app } = makeApp();
  await request(app).post('/api/v1/users').send(ada);

  const res = await request(app).post('/api/v1/users').send({ username: 'ada2', email: 'ADA@Example.com' });

  expect(res.status).toBe(409);
  expect(res.body).toEqual(problemFor(409, 'Conflict', 'email is already taken', '/api/v1/users'));
});
// #endregion conflict-test

test('POST /api/v1/users answers 409 when the username is taken', async () => {
  const { app } = makeApp();
  await request(app).post('/api/v1/users').send(ada);

  const res = await request(app).post('/api/v1/users').send({ username: 'ada', email: 'other@example.com' });

  expect(res.status).toBe(409);
  expect(res.body).toEqual(problemFor(409, 'Conflict', 'username is already taken', '/api/v1/users'));
});

test('a refused duplicate leaves the stored user as it was', async () => {
  const { app } = makeApp();
  const first = await request(app).post('/api/v1/users').send(ada);
  await request(app).post('/api/v1/users').send({ username: 'ada', email: 'new@example.com' });

  const res = await request(app).get('/api/v1/users');

  expect(res.body).toEqual({ users: [first.body] });
});

test('malformed JSON answers 400 from express.json(), not 500', async () => {
  const res = await request(makeApp().app)
    .post('/api/v1/users')
    .set('Content-Type', 'application/json')
    .send('{"username": "ada",');

  expect(res.status).toBe(400);
  expect(res.body).toEqual(problemFor(400, 'Bad Request', 'Malformed JSON in request body', '/api/v1/users'));
});

test('a body over the 10 kB limit answers 413 and is not stored', async () => {
  const { app } = makeApp();

  const res = await request(app)
    .post('/api/v1/users')
    .send({ username: 'ada', email: 'ada@example.com', bio: 'x'.repeat(11 * 1024) });

  expect(res.status).toBe(413);
  expect(res.body).toEqual({
    ...problemFor(413, 'Payload Too Large', 'Request body is too large; the limit is 10kb', '/api/v1/users'),
    limit: 10_240,
  });
  expect((await request(app).get('/api/v1/users')).body).toEqual({ users: [] });
});

test('an unknown path under /api/v1/users answers 404', async () => {
  const res = await request(makeApp().app).get('/api/v1/users/1/posts');

  expect(res.status).toBe(404);
  expect(res.body).toEqual(problemFor(404, 'Not Found', 'Cannot GET /api/v1/users/1/posts', '/api/v1/users/1/posts'));
});

test('a method the router does not handle answers 404', async () => {
  const res = await request(makeApp().app).delete('/api/v1/users/1');

  expect(res.status).toBe(404);
  expect(res.body.detail).toBe('Cannot DELETE /api/v1/users/1');
});

test('every request to the router is logged with its full path', async () => {
  const { app, lines } = makeApp();

  await request(app).post('/api/v1/users').send(ada);
  await request(app).get('/api/v1/users/1');

  expect(lines).toEqual([
    expect.stringMatching(/^POST \/api\/v1\/users 201 .* id=/),
    expect.stringMatching(/^GET \/api\/v1\/users\/1 200 .* id=/),
  ]);
});
