// Check for lesson 08, exercise 1: an admin rejects (deletes) a pending account.
import request from 'supertest';
import { expect } from 'vitest';
import { ada, adminAgent, approvedAgent, grace, loggedInAgent, makeApp } from '../../../../lessons/08-authorization/test/helpers.ts';
import { expectation } from '../../expectation.ts';

async function idOf(agent: request.Agent): Promise<number> {
  return (await agent.get('/api/v1/auth/me').expect(200)).body.id as number;
}

expectation(
  'the admin deletes a pending account: 204, and its email and username are free again',
  'Add router.delete(\'/:id\', …) to createUsersRouter(): app.ts already mounts it behind the admin guards.',
  async () => {
    const { app } = makeApp();
    const pending = await loggedInAgent(app, ada);
    const res = await (await adminAgent(app)).delete(`/api/v1/users/${await idOf(pending)}`);

    expect(res.status).toBe(204);
    expect((await request(app).post('/api/v1/auth/register').send(ada)).status).toBe(201);
  },
);

expectation(
  'the rejected user\'s session stops working',
  'Nothing to do once the row is gone: requireUser() finds no user for the session\'s id and answers 401.',
  async () => {
    const { app } = makeApp();
    const pending = await loggedInAgent(app, ada);
    await (await adminAgent(app)).delete(`/api/v1/users/${await idOf(pending)}`);

    expect((await pending.get('/api/v1/auth/me')).status).toBe(401);
  },
);

expectation(
  'an approved account answers 409 and stays',
  'Put the condition in the statement (DELETE … WHERE id = ? AND status = \'pending\') and look at changes.',
  async () => {
    const { app } = makeApp();
    const member = await approvedAgent(app, grace);
    const id = await idOf(member);
    const res = await (await adminAgent(app)).delete(`/api/v1/users/${id}`);

    expect(res.status).toBe(409);
    expect((await member.get('/api/v1/auth/me')).status).toBe(200);
  },
);

expectation(
  'an id nobody has answers 404 User not found',
  'When nothing was deleted, ask whether the id exists at all to tell 404 from 409.',
  async () => {
    const { app } = makeApp();
    const res = await (await adminAgent(app)).delete('/api/v1/users/999');

    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('User not found');
  },
);

expectation(
  'a member gets 403 and a visitor 401, like the other users routes',
  'Keep the route inside the users router, behind the admin chain that app.ts mounts.',
  async () => {
    const { app } = makeApp();
    const pending = await loggedInAgent(app, ada);
    const member = await approvedAgent(app, grace);
    const id = await idOf(pending);

    expect((await member.delete(`/api/v1/users/${id}`)).status).toBe(403);
    expect((await request(app).delete(`/api/v1/users/${id}`)).status).toBe(401);
    expect((await pending.get('/api/v1/auth/me')).status).toBe(200);
  },
);
