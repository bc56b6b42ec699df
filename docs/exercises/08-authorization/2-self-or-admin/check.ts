// Check for lesson 08, exercise 2: GET /api/v1/users/:id for the user themself or an admin.
import request from 'supertest';
import { expect } from 'vitest';
import { ada, adminAgent, approvedAgent, grace, loggedInAgent, makeApp } from '../../../../lessons/08-authorization/test/helpers.ts';
import { expectation } from '../../expectation.ts';

async function idOf(agent: request.Agent): Promise<number> {
  return (await agent.get('/api/v1/auth/me').expect(200)).body.id as number;
}

expectation(
  'a pending member reads their own record',
  'The admin chain in front of the whole users router turns members away; give each route its own guard instead.',
  async () => {
    const { app } = makeApp();
    const pending = await loggedInAgent(app, ada);
    const res = await pending.get(`/api/v1/users/${await idOf(pending)}`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'ada', status: 'pending' });
  },
);

expectation(
  'an approved member reads their own record',
  'A requireSelfOrAdmin() middleware compares req.params.id with req.user.id (as strings: params are strings).',
  async () => {
    const { app } = makeApp();
    const member = await approvedAgent(app, grace);

    expect((await member.get(`/api/v1/users/${await idOf(member)}`)).status).toBe(200);
  },
);

expectation(
  'a member gets 403 for someone else\'s record, and for an id nobody has',
  'Answer 403 before looking the id up: a 404 would tell a member which ids exist.',
  async () => {
    const { app } = makeApp();
    const member = await approvedAgent(app, grace);
    const other = await loggedInAgent(app, ada);

    expect((await member.get(`/api/v1/users/${await idOf(other)}`)).status).toBe(403);
    expect((await member.get('/api/v1/users/999')).status).toBe(403);
  },
);

expectation(
  'the admin still reads every record',
  'Let an approved admin through requireSelfOrAdmin() whatever the id.',
  async () => {
    const { app } = makeApp();
    const other = await loggedInAgent(app, ada);
    const admin = await adminAgent(app);

    expect((await admin.get(`/api/v1/users/${await idOf(other)}`)).status).toBe(200);
    expect((await admin.get('/api/v1/users/999')).status).toBe(404);
  },
);

expectation(
  'the list and approve stay for admins, and a visitor gets 401',
  'Keep guard.admin in front of GET / and POST /:id/approve when you take it off the router as a whole.',
  async () => {
    const { app } = makeApp();
    const member = await approvedAgent(app, grace);
    const pending = await loggedInAgent(app, ada);
    const id = await idOf(pending);

    expect((await member.get('/api/v1/users')).status).toBe(403);
    expect((await member.post(`/api/v1/users/${id}/approve`)).status).toBe(403);
    expect((await pending.get('/api/v1/users')).status).toBe(403);
    expect((await request(app).get(`/api/v1/users/${id}`)).status).toBe(401);
  },
);
