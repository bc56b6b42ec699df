import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApp, problemFor } from './helpers.ts';

const ada = { username: 'ada', email: 'ada@example.com' };
const grace = { username: 'grace', email: 'grace@example.com' };

/** The answer validate() gives: a 400 naming each bad field. */
function invalid(instance: string, errors: Array<{ path: string; message: string; location: string }>) {
  return { ...problemFor(400, 'Bad Request', 'Request validation failed', instance), errors };
}

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

// #region normalise-test
test('the email is trimmed and lowercased, the username trimmed, before they are stored', async () => {
  const { app } = makeApp();

  const res = await request(app).post('/api/v1/users').send({ username: '  ada ', email: ' Ada@Example.COM ' });

  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ username: 'ada', email: 'ada@example.com' });
});
// #endregion normalise-test

test('keys the schema does not know are dropped, not stored or echoed', async () => {
  const res = await request(makeApp().app)
    .post('/api/v1/users')
    .send({ ...ada, id: 99, createdAt: '1970-01-01T00:00:00.000Z', role: 'admin' });

  expect(res.status).toBe(201);
  expect(res.body.id).toBe(1);
  expect(res.body.role).toBeUndefined();
  expect(res.body.createdAt).not.toBe('1970-01-01T00:00:00.000Z');
});

// #region body-400-test
test.each([
  [{ email: 'ada@example.com' }, [['username', 'is required']]],
  [{ username: 'ada' }, [['email', 'is required']]],
  [{}, [['username', 'is required'], ['email', 'is required']]],
  [{ username: 42, email: ['ada@example.com'] }, [['username', 'must be a string'], ['email', 'must be a string']]],
  [{ username: 'al', email: 'ada@example.com' }, [['username', 'must be 3 to 30 characters long']]],
  [{ username: 'a'.repeat(31), email: 'ada@example.com' }, [['username', 'must be 3 to 30 characters long']]],
  [{ username: '   ', email: 'ada@example.com' }, [['username', 'must be 3 to 30 characters long']]],
  [{ username: 'ada lovelace', email: 'ada@example.com' }, [['username', 'may contain only letters, digits and underscores']]],
  [{ username: 'ada', email: 'ada.example.com' }, [['email', 'must be an email address']]],
  [{ username: 'ada', email: `${'a'.repeat(250)}@example.com` }, [['email', 'must be at most 254 characters long']]],
  [[ada], [['', 'must be a JSON object']]],
])('POST /api/v1/users answers 400 for %j, with a message for each bad field', async (body, problems) => {
  const { app } = makeApp();

  const res = await request(app).post('/api/v1/users').set('Content-Type', 'application/json').send(JSON.stringify(body));

  expect(res.status).toBe(400);
  expect(res.body).toEqual(invalid('/api/v1/users', problems.map(([path, message]) => ({ path: path!, message: message!, location: 'body' }))));
  expect((await request(app).get('/api/v1/users')).body.total).toBe(0);
});
// #endregion body-400-test

test('POST /api/v1/users without a body answers 400 naming each field, not 500', async () => {
  const res = await request(makeApp().app).post('/api/v1/users');

  expect(res.status).toBe(400);
  expect(res.body).toEqual(
    invalid('/api/v1/users', [
      { path: 'username', message: 'is required', location: 'body' },
      { path: 'email', message: 'is required', location: 'body' },
    ]),
  );
});

test.each([
  ['text/plain', JSON.stringify(ada)],
  ['application/x-www-form-urlencoded', 'username=ada&email=ada@example.com'],
])('POST /api/v1/users with a %s body answers 415 naming the Content-Type, and stores nothing', async (type, body) => {
  const { app } = makeApp();

  const res = await request(app).post('/api/v1/users').set('Content-Type', type).send(body);

  expect(res.status).toBe(415);
  expect(res.body).toEqual(
    problemFor(415, 'Unsupported Media Type', `Unsupported Content-Type "${type}" for the request body`, '/api/v1/users'),
  );
  expect((await request(app).get('/api/v1/users')).body.total).toBe(0);
});

test('GET /api/v1/users answers an empty page for a new database', async () => {
  const res = await request(makeApp().app).get('/api/v1/users');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ users: [], total: 0, limit: 20, offset: 0 });
});

test('GET /api/v1/users lists users in the order they were created', async () => {
  const { app } = makeApp();
  await request(app).post('/api/v1/users').send(grace);
  await request(app).post('/api/v1/users').send(ada);

  const res = await request(app).get('/api/v1/users');

  expect(res.body.users.map((user: { username: string }) => user.username)).toEqual(['grace', 'ada']);
  expect(res.body.users.map((user: { id: number }) => user.id)).toEqual([1, 2]);
  expect(res.body.total).toBe(2);
});

// #region page-test
test('GET /api/v1/users?limit=&offset= answers one page, with the total', async () => {
  const { app } = makeApp();
  for (const name of ['ada', 'grace', 'linus', 'margaret', 'barbara']) {
    await request(app).post('/api/v1/users').send({ username: name, email: `${name}@example.com` });
  }

  const res = await request(app).get('/api/v1/users?limit=2&offset=1');

  expect(res.status).toBe(200);
  expect(res.body.users.map((user: { username: string }) => user.username)).toEqual(['grace', 'linus']);
  expect(res.body).toMatchObject({ total: 5, limit: 2, offset: 1 });
});
// #endregion page-test

test('an offset past the end answers an empty page, not an error', async () => {
  const { app } = makeApp();
  await request(app).post('/api/v1/users').send(ada);

  const res = await request(app).get('/api/v1/users?offset=10');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ users: [], total: 1, limit: 20, offset: 10 });
});

test('query parameters the schema does not know are ignored', async () => {
  const res = await request(makeApp().app).get('/api/v1/users?sort=name&limit=5');

  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ limit: 5, offset: 0 });
});

// #region query-400-test
test.each([
  ['limit=0', 'limit', 'must be a whole number from 1 to 100'],
  ['limit=101', 'limit', 'must be a whole number from 1 to 100'],
  ['limit=abc', 'limit', 'must be a whole number from 1 to 100'],
  ['limit=', 'limit', 'must be a whole number from 1 to 100'],
  ['limit=2.5', 'limit', 'must be a whole number from 1 to 100'],
  ['limit=1&limit=2', 'limit', 'must be a whole number from 1 to 100'],
  ['offset=-1', 'offset', 'must be a whole number, at least 0'],
  ['offset=1e3', 'offset', 'must be a whole number, at least 0'],
])('GET /api/v1/users?%s answers 400 naming %s', async (query, path, message) => {
  const res = await request(makeApp().app).get(`/api/v1/users?${query}`);

  expect(res.status).toBe(400);
  expect(res.body).toEqual(invalid('/api/v1/users', [{ path, message, location: 'query' }]));
});
// #endregion query-400-test

test('two bad query parameters are both reported', async () => {
  const res = await request(makeApp().app).get('/api/v1/users?limit=0&offset=x');

  expect(res.body.errors.map((error: { path: string }) => error.path)).toEqual(['limit', 'offset']);
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
test.each(['abc', '0', '-1', '1.5', '1e3', '0x10', '%207', '99999999999999999999'])(
  'GET /api/v1/users/%s answers 400 naming id: an id is a positive whole number',
  async (id) => {
    const res = await request(makeApp().app).get(`/api/v1/users/${id}`);

    expect(res.status).toBe(400);
    expect(res.body).toEqual(
      invalid(`/api/v1/users/${id}`, [{ path: 'id', message: 'must be a positive whole number', location: 'params' }]),
    );
  },
);
// #endregion bad-id-test

test('POST /api/v1/users answers 409 when the email is taken, in any letter case', async () => {
  const { app } = makeApp();
  await request(app).post('/api/v1/users').send(ada);

  const res = await request(app).post('/api/v1/users').send({ username: 'ada2', email: 'ADA@Example.com' });

  expect(res.status).toBe(409);
  expect(res.body).toEqual(problemFor(409, 'Conflict', 'email is already taken', '/api/v1/users'));
});

test('POST /api/v1/users answers 409 when the username is taken', async () => {
  const { app } = makeApp();
  await request(app).post('/api/v1/users').send(ada);

  const res = await request(app).post('/api/v1/users').send({ username: ' ada ', email: 'other@example.com' });

  expect(res.status).toBe(409);
  expect(res.body).toEqual(problemFor(409, 'Conflict', 'username is already taken', '/api/v1/users'));
});

test('a refused duplicate leaves the stored user as it was', async () => {
  const { app } = makeApp();
  const first = await request(app).post('/api/v1/users').send(ada);
  await request(app).post('/api/v1/users').send({ username: 'ada', email: 'new@example.com' });

  const res = await request(app).get('/api/v1/users');

  expect(res.body.users).toEqual([first.body]);
});

test('malformed JSON answers 400 from express.json(), before validation', async () => {
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
  expect((await request(app).get('/api/v1/users')).body.total).toBe(0);
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
  await request(app).get('/api/v1/users/abc');

  expect(lines).toEqual([
    expect.stringMatching(/^POST \/api\/v1\/users 201 .* id=/),
    expect.stringMatching(/^GET \/api\/v1\/users\/1 200 .* id=/),
    expect.stringMatching(/^GET \/api\/v1\/users\/abc 400 .* id=/),
  ]);
});
