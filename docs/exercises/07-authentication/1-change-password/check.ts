// Check for lesson 07, exercise 1: POST /api/v1/auth/password.
import request from 'supertest';
import { expect } from 'vitest';
import { ada, loggedInAgent, makeApp } from '../../../../lessons/07-authentication/test/helpers.ts';
import { expectation } from '../../expectation.ts';

const newPassword = 'violet lanterns drift past 1843';

expectation(
  'a logged-in user changes the password: 204, and only the new one logs in',
  'Add router.post(\'/password\', requireAuth({ db }), …) to the auth router: check the current password with verifyPassword(), store hashPassword(newPassword).',
  async () => {
    const { app } = makeApp();
    const agent = await loggedInAgent(app);
    const res = await agent.post('/api/v1/auth/password').send({ currentPassword: ada.password, newPassword });

    expect(res.status).toBe(204);
    expect((await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: ada.password })).status).toBe(401);
    expect((await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: newPassword })).status).toBe(200);
  },
);

expectation(
  'every other session of the user is logged out; this one stays',
  'SQLiteStore keeps sessions as JSON in the sessions table: delete the rows whose userId is this user\'s and whose sid is not req.sessionID.',
  async () => {
    const { app } = makeApp();
    const agent = await loggedInAgent(app);
    const laptop = request.agent(app);
    await laptop.post('/api/v1/auth/login').send({ email: ada.email, password: ada.password }).expect(200);
    await agent.post('/api/v1/auth/password').send({ currentPassword: ada.password, newPassword });

    expect((await laptop.get('/api/v1/auth/me')).status).toBe(401);
    expect((await agent.get('/api/v1/auth/me')).status).toBe(200);
  },
);

expectation(
  'a wrong current password answers 403 and changes nothing',
  'The user is logged in, so not 401: throw createError(403, …) when verifyPassword() says no.',
  async () => {
    const { app } = makeApp();
    const agent = await loggedInAgent(app);
    const res = await agent.post('/api/v1/auth/password').send({ currentPassword: 'not my password at all', newPassword });

    expect(res.status).toBe(403);
    expect((await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: ada.password })).status).toBe(200);
  },
);

expectation(
  'a new password that breaks the register rules answers 400',
  'Reuse register\'s password field (registerBody.shape.password) for the length, and passwordProblem(password, user) for the policy.',
  async () => {
    const { app } = makeApp();
    const agent = await loggedInAgent(app);

    expect((await agent.post('/api/v1/auth/password').send({ currentPassword: ada.password, newPassword: 'short' })).status).toBe(400);
    expect(
      (await agent.post('/api/v1/auth/password').send({ currentPassword: ada.password, newPassword: 'ada@example.com is my password' })).status,
    ).toBe(400);
  },
);

expectation(
  'without a session it answers 401',
  'Put requireAuth({ db }) in front of the route handler.',
  async () => {
    const res = await request(makeApp().app).post('/api/v1/auth/password').send({ currentPassword: ada.password, newPassword });

    expect(res.status).toBe(401);
  },
);
