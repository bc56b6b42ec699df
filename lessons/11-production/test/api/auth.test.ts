import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { ada, grace, loggedInAgent, problemFor } from './helpers.ts';

const credentials = { email: ada.email, password: ada.password };
const publicAda = { id: 1, username: 'ada', email: 'ada@example.com', status: 'pending', role: 'member', createdAt: expect.any(String) };

function invalid(instance: string, errors: Array<[string, string]>) {
  return {
    ...problemFor(400, 'Bad Request', 'Request validation failed', instance),
    errors: errors.map(([path, message]) => ({ path, message, location: 'body' })),
  };
}

// register

test('POST /api/v1/auth/register answers 201 with the user, and never the password or its hash', async () => {
  const { app } = makeApi();

  const res = await request(app).post('/api/v1/auth/register').send(ada);

  expect(res.status).toBe(201);
  expect(res.body).toEqual(publicAda);
  expect(res.headers.location).toBe('/api/v1/users/1');
  expect(res.text).not.toContain(ada.password);
  expect(res.text).not.toContain('scrypt');
});

test('register does not log you in', async () => {
  const { app } = makeApi();

  const res = await request(app).post('/api/v1/auth/register').send(ada);

  expect(res.headers['set-cookie']).toBeUndefined();
});

test('register trims the username and email, lowercases the email, and keeps the password as typed', async () => {
  const { app } = makeApi();

  const res = await request(app)
    .post('/api/v1/auth/register')
    .send({ username: ' ada ', email: ' Ada@Example.COM ', password: ' spaces count here ' });
  const login = await request(app).post('/api/v1/auth/login').send({ email: 'ada@example.com', password: ' spaces count here ' });

  expect(res.body).toMatchObject({ username: 'ada', email: 'ada@example.com' });
  expect(login.status).toBe(200);
});

test.each([
  [{ username: 'ada', email: 'ada@example.com' }, [['password', 'is required']]],
  [{ ...ada, password: 'short' }, [['password', 'must be 8 to 256 characters long']]],
  [{ ...ada, password: 'x'.repeat(257) }, [['password', 'must be 8 to 256 characters long']]],
  [{ ...ada, password: 12345678 }, [['password', 'must be a string']]],
  [{ ...ada, email: 'not-an-email' }, [['email', 'must be an email address']]],
  [{ ...ada, username: 'a b' }, [['username', 'may contain only letters, digits and underscores']]],
  [{}, [['username', 'is required'], ['email', 'is required'], ['password', 'is required']]],
  [[ada], [['', 'must be a JSON object']]],
] as const)('register answers 400 for %j, naming each bad field', async (body, problems) => {
  const { app } = makeApi();

  const res = await request(app).post('/api/v1/auth/register').send(body as object);

  expect(res.status).toBe(400);
  expect(res.body).toEqual(invalid('/api/v1/auth/register', problems.map(([path, message]) => [path, message])));
});

// #region conflict-test
test('register answers 409 when the email is taken, in any letter case', async () => {
  const { app } = makeApi();
  await request(app).post('/api/v1/auth/register').send(ada);

  const res = await request(app).post('/api/v1/auth/register').send({ ...grace, email: 'ADA@example.com' });

  expect(res.status).toBe(409);
  expect(res.body).toEqual(problemFor(409, 'Conflict', 'email is already taken', '/api/v1/auth/register'));
});
// #endregion conflict-test

test('register answers 409 when the username is taken, and keeps the first account', async () => {
  const { app } = makeApi();
  await request(app).post('/api/v1/auth/register').send(ada);

  const res = await request(app).post('/api/v1/auth/register').send({ ...grace, username: 'ada' });
  const login = await request(app).post('/api/v1/auth/login').send(credentials);

  expect(res.status).toBe(409);
  expect(res.body.detail).toBe('username is already taken');
  expect(login.status).toBe(200);
});

// login

test('POST /api/v1/auth/login answers 200 with the user and a session cookie', async () => {
  const { app } = makeApi();
  await request(app).post('/api/v1/auth/register').send(ada);

  const res = await request(app).post('/api/v1/auth/login').send(credentials);

  expect(res.status).toBe(200);
  expect(res.body).toEqual(publicAda);
  expect(res.headers['set-cookie']![0]).toMatch(/^forum\.sid=s%3A.+; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);
});

test('login accepts the email in any letter case and with spaces around it', async () => {
  const { app } = makeApi();
  await request(app).post('/api/v1/auth/register').send(ada);

  const res = await request(app).post('/api/v1/auth/login').send({ email: ' ADA@example.com ', password: ada.password });

  expect(res.status).toBe(200);
});

// #region same-answer-test
test('a wrong password and an unknown email get exactly the same answer', async () => {
  const { app } = makeApi();
  await request(app).post('/api/v1/auth/register').send(ada);

  const wrongPassword = await request(app)
    .post('/api/v1/auth/login')
    .set('X-Request-Id', 'same-id')
    .send({ email: ada.email, password: 'not the password' });
  const unknownEmail = await request(app)
    .post('/api/v1/auth/login')
    .set('X-Request-Id', 'same-id')
    .send({ email: 'nobody@example.com', password: 'not the password' });

  expect(wrongPassword.status).toBe(401);
  expect(unknownEmail.status).toBe(401);
  expect(unknownEmail.text).toBe(wrongPassword.text);
  expect(unknownEmail.headers['content-type']).toBe(wrongPassword.headers['content-type']);
  expect(wrongPassword.body).toEqual({
    type: 'about:blank',
    title: 'Unauthorized',
    status: 401,
    detail: 'Email or password is incorrect',
    instance: '/api/v1/auth/login',
    requestId: 'same-id',
  });
  expect(wrongPassword.headers['set-cookie']).toBeUndefined();
  expect(unknownEmail.headers['set-cookie']).toBeUndefined();
});
// #endregion same-answer-test

test.each([
  [{ email: ada.email }, [['password', 'is required']]],
  [{ email: ada.email, password: '' }, [['password', 'is required']]],
  [{ password: ada.password }, [['email', 'is required']]],
  [{ email: 'ada', password: ada.password }, [['email', 'must be an email address']]],
  [{ email: ada.email, password: 42 }, [['password', 'must be a string']]],
] as const)('login answers 400 for %j, naming each bad field', async (body, problems) => {
  const { app } = makeApi();

  const res = await request(app).post('/api/v1/auth/login').send(body as object);

  expect(res.status).toBe(400);
  expect(res.body).toEqual(invalid('/api/v1/auth/login', problems.map(([path, message]) => [path, message])));
});

test('login does not hold a short password against you: old rules do not lock anyone out', async () => {
  const { app } = makeApi();
  await request(app).post('/api/v1/auth/register').send(ada);

  const res = await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: 'short' });

  expect(res.status).toBe(401);
});

test.each([
  ['/api/v1/auth/register', [['username', 'is required'], ['email', 'is required'], ['password', 'is required']]],
  ['/api/v1/auth/login', [['email', 'is required'], ['password', 'is required']]],
] as const)('POST %s without a body answers 400 naming each field, not 500', async (path, problems) => {
  const res = await request(makeApi().app).post(path);

  expect(res.status).toBe(400);
  expect(res.body).toEqual(invalid(path, problems.map(([field, message]) => [field, message])));
});

test.each(['/api/v1/auth/register', '/api/v1/auth/login'])(
  'POST %s with JSON sent as text/plain answers 415 naming the Content-Type',
  async (path) => {
    const { app } = makeApi();

    const res = await request(app).post(path).set('Content-Type', 'text/plain').send(JSON.stringify(ada));

    expect(res.status).toBe(415);
    expect(res.body).toEqual(
      problemFor(415, 'Unsupported Media Type', 'Unsupported Content-Type "text/plain" for the request body', path),
    );
  },
);

// me

test('GET /api/v1/auth/me answers the logged-in user', async () => {
  const { app } = makeApi();
  const agent = await loggedInAgent(app);

  const res = await agent.get('/api/v1/auth/me');

  expect(res.status).toBe(200);
  expect(res.body).toEqual(publicAda);
});

test('GET /api/v1/auth/me answers 401 without a session', async () => {
  const res = await request(makeApi().app).get('/api/v1/auth/me');

  expect(res.status).toBe(401);
  expect(res.body).toEqual(problemFor(401, 'Unauthorized', 'You must be logged in', '/api/v1/auth/me'));
});

test('GET /api/v1/auth/me answers 401 for a session that is not logged in', async () => {
  const { app } = makeApi();
  const agent = request.agent(app);
  await agent.get('/api/v1/session');

  expect((await agent.get('/api/v1/auth/me')).status).toBe(401);
});

test('each client sees its own user', async () => {
  const { app } = makeApi();
  const adaAgent = await loggedInAgent(app, ada);
  const graceAgent = await loggedInAgent(app, grace);

  expect((await adaAgent.get('/api/v1/auth/me')).body.username).toBe('ada');
  expect((await graceAgent.get('/api/v1/auth/me')).body.username).toBe('grace');
});

// logout

test('POST /api/v1/auth/logout answers 204 and clears the cookie with the same options', async () => {
  const { app } = makeApi();
  const agent = await loggedInAgent(app);

  const res = await agent.post('/api/v1/auth/logout');

  expect(res.status).toBe(204);
  expect(res.headers['set-cookie']).toEqual(['forum.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax']);
  expect((await agent.get('/api/v1/auth/me')).status).toBe(401);
});

test('logout without a session answers 204 too', async () => {
  const res = await request(makeApi().app).post('/api/v1/auth/logout');

  expect(res.status).toBe(204);
});

test('logging in again after logout works', async () => {
  const { app } = makeApi();
  const agent = await loggedInAgent(app);
  await agent.post('/api/v1/auth/logout');

  await agent.post('/api/v1/auth/login').send(credentials).expect(200);

  expect((await agent.get('/api/v1/auth/me')).status).toBe(200);
});

test('the auth routes answer 404 for other methods', async () => {
  const { app } = makeApi();

  expect((await request(app).get('/api/v1/auth/login')).status).toBe(404);
  expect((await request(app).post('/api/v1/auth/me')).status).toBe(404);
});
