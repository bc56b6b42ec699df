// Check for lesson 08, exercise 3: suspend an account.
import Database from 'better-sqlite3';
import request from 'supertest';
import { expect } from 'vitest';
import { migrations, openDatabase } from '../../../../lessons/08-authorization/src/db.ts';
import { adminAgent, approvedAgent, grace, makeApp, tempDatabasePath } from '../../../../lessons/08-authorization/test/helpers.ts';
import { expectation } from '../../expectation.ts';

async function idOf(agent: request.Agent): Promise<number> {
  return (await agent.get('/api/v1/auth/me').expect(200)).body.id as number;
}

/** An app with an approved member (grace) whom the admin has suspended. */
async function appWithSuspendedMember() {
  const { app } = makeApp();
  const member = await approvedAgent(app, grace);
  const id = await idOf(member);
  const boss = await adminAgent(app);
  const res = await boss.post(`/api/v1/users/${id}/suspend`);
  return { app, member, id, boss, res };
}

expectation(
  'the admin suspends a member: POST /api/v1/users/:id/suspend answers the user with status suspended',
  'The users table\'s CHECK allows two statuses; add a migration step (append it to migrations in src/db.ts) and the route in createUsersRouter().',
  async () => {
    const { res } = await appWithSuspendedMember();

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ username: 'grace', status: 'suspended' });
  },
);

expectation(
  'a suspended member is turned away at once with 403 "Your account is suspended"',
  'A guard in front of requireApproved() that looks at req.user.status; the guards load the user on every request.',
  async () => {
    const { member } = await appWithSuspendedMember();
    const res = await member.get('/api/v1/users');

    expect(res.status).toBe(403);
    expect(res.body.detail).toBe('Your account is suspended');
  },
);

expectation(
  '/auth/me still answers and shows the status',
  'Leave the loggedIn guard of /auth/me alone: only the approved chain refuses suspended users.',
  async () => {
    const { member } = await appWithSuspendedMember();
    const res = await member.get('/api/v1/auth/me');

    expect(res.status).toBe(200);
    expect(res.body.status).toBe('suspended');
  },
);

expectation(
  'approving the account lifts the suspension',
  'The approve route sets status = \'approved\' whatever it was: nothing to add.',
  async () => {
    const { member, id, boss } = await appWithSuspendedMember();
    await boss.post(`/api/v1/users/${id}/approve`).expect(200);

    expect((await member.get('/api/v1/auth/me')).body.status).toBe('approved');
    expect((await member.get('/api/v1/users')).body.detail).not.toBe('Your account is suspended');
  },
);

expectation(
  'an admin cannot be suspended: 409',
  'Put the condition in the UPDATE (… WHERE id = ? AND role <> \'admin\') and answer 409 when it changed nothing but the id exists.',
  async () => {
    const { app } = makeApp();
    const boss = await adminAgent(app);
    const res = await boss.post(`/api/v1/users/${await idOf(boss)}/suspend`);

    expect(res.status).toBe(409);
    expect((await boss.get('/api/v1/auth/me')).body.status).toBe('approved');
  },
);

expectation(
  'GET /api/v1/users?status=suspended lists the suspended accounts',
  'The list query\'s status filter is a z.enum() in src/schemas/users.ts: give it the new status.',
  async () => {
    const { boss } = await appWithSuspendedMember();
    const res = await boss.get('/api/v1/users?status=suspended');

    expect(res.status).toBe(200);
    expect(res.body.users.map((user: { username: string }) => user.username)).toEqual(['grace']);
  },
);

expectation(
  'a forum.db from lesson 08 is upgraded: its accounts stay, can be suspended, and usernames stay unique whatever their case',
  'Add a step at the end of migrations; never edit one that has run. Rebuilding the table drops its indexes: create them again.',
  async () => {
    // A database as lesson 08 left it: its first four steps, and an account.
    const databasePath = tempDatabasePath();
    const old = new Database(databasePath);
    for (const step of migrations.slice(0, 4)) old.exec(step);
    old.pragma('user_version = 4');
    old.prepare("INSERT INTO users (username, email, created_at, status) VALUES ('bob', 'bob@example.com', 'then', 'approved')").run();
    old.close();
    openDatabase(databasePath).close();

    const { app } = makeApp({ databasePath });
    const boss = await adminAgent(app);
    const bob = (await boss.get('/api/v1/users')).body.users.find((user: { username: string }) => user.username === 'bob');
    expect(bob).toBeDefined();
    expect((await boss.post(`/api/v1/users/${bob.id}/suspend`)).status).toBe(200);
    const BOB = { username: 'BOB', email: 'bob2@example.com', password: 'another quiet passphrase 7' };
    expect((await request(app).post('/api/v1/auth/register').send(BOB)).status).toBe(409);
  },
);
