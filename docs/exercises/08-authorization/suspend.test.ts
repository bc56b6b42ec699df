// The checks of lesson 08, exercise 3 (suspend an account), run against the
// solution and against lesson 08 as it is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { expect, onTestFinished, test } from 'vitest';
import { ada, grace, lesson, logIn, logInAdmin, logInApproved, startForum, type Check } from './helpers.ts';
import { forumWithSuspension } from './suspend.ts';

// #region checks
const checks: Check[] = [
  {
    name: "an admin suspends a member: 200, the account's status is suspended",
    isNew: true,
    run: async (forum) => {
      const { app } = startForum(forum);
      const member = await logInApproved(app, ada);
      const admin = await logInAdmin(app);

      const res = await admin.post(`/api/v1/users/${member.id}/suspend`);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: member.id, status: 'suspended', role: 'member' });
      expect((await member.agent.get('/api/v1/auth/me')).body.status).toBe('suspended');
    },
  },
  {
    name: 'the guards turn a suspended member away with 403 "Your account is suspended", at once',
    isNew: true,
    run: async (forum) => {
      const { app } = startForum(forum);
      const member = await logInApproved(app, ada);
      await (await logInAdmin(app)).post(`/api/v1/users/${member.id}/suspend`).expect(200);

      // The same session as before the suspension: the guards read the database.
      const res = await member.agent.get('/api/v1/users');

      expect(res.status).toBe(403);
      expect(res.body.detail).toBe('Your account is suspended');
    },
  },
  {
    name: 'approving a suspended account lifts the suspension',
    isNew: true,
    run: async (forum) => {
      const { app } = startForum(forum);
      const member = await logInApproved(app, ada);
      const admin = await logInAdmin(app);
      await admin.post(`/api/v1/users/${member.id}/suspend`).expect(200);

      expect((await admin.post(`/api/v1/users/${member.id}/approve`)).body.status).toBe('approved');
      // Back to an approved member's answer: no admin role.
      expect((await member.agent.get('/api/v1/users')).body.detail).toBe('This action requires the admin role');
    },
  },
  {
    name: 'GET /api/v1/users?status=suspended lists the suspended accounts',
    isNew: true,
    run: async (forum) => {
      const { app } = startForum(forum);
      const member = await logInApproved(app, ada);
      await logIn(app, grace);
      const admin = await logInAdmin(app);
      await admin.post(`/api/v1/users/${member.id}/suspend`).expect(200);

      const res = await admin.get('/api/v1/users?status=suspended');

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ users: [{ id: member.id, username: ada.username }], total: 1 });
    },
  },
  {
    name: 'an admin cannot be suspended (409), and an id nobody has is 404',
    isNew: true,
    run: async (forum) => {
      const admin = await logInAdmin(startForum(forum).app);
      const { body: me } = await admin.get('/api/v1/auth/me');

      expect((await admin.post(`/api/v1/users/${me.id}/suspend`)).status).toBe(409);
      expect((await admin.get('/api/v1/users')).status).toBe(200);
      const missing = await admin.post('/api/v1/users/42/suspend');
      expect(missing.status).toBe(404);
      expect(missing.body.detail).toBe('User not found');
    },
  },
  {
    name: "a database from lesson 08 is upgraded, and its accounts can be suspended",
    isNew: true,
    run: async (forum) => {
      const dir = mkdtempSync(join(tmpdir(), 'forum-test-'));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const databasePath = join(dir, 'forum.db');
      const old = lesson.openDatabase(databasePath);
      old.prepare("INSERT INTO users (username, email, created_at, status) VALUES ('bob', 'bob@example.com', 'then', 'approved')").run();
      old.close();

      const { app } = startForum(forum, { databasePath });
      const admin = await logInAdmin(app);

      expect((await admin.post('/api/v1/users/1/suspend')).body).toMatchObject({ username: 'bob', status: 'suspended' });
      // The rebuilt table keeps usernames unique whatever their case.
      const BOB = { username: 'BOB', email: 'bob2@example.com', password: 'another quiet passphrase 7' };
      expect((await request(app).post('/api/v1/auth/register').send(BOB)).status).toBe(409);
    },
  },
  {
    name: 'only an admin may suspend: 401 without a login, 403 for members',
    isNew: false,
    run: async (forum) => {
      const { app } = startForum(forum);
      const pending = await logIn(app, grace);
      const approved = await logInApproved(app, ada);

      expect((await request(app).post(`/api/v1/users/${pending.id}/suspend`)).status).toBe(401);
      expect((await pending.agent.post(`/api/v1/users/${approved.id}/suspend`)).status).toBe(403);
      expect((await approved.agent.post(`/api/v1/users/${pending.id}/suspend`)).status).toBe(403);
      expect((await approved.agent.get('/api/v1/auth/me')).body.status).toBe('approved');
    },
  },
  {
    name: 'a pending member still waits for approval',
    isNew: false,
    run: async (forum) => {
      const { agent } = await logIn(startForum(forum).app, ada);

      expect((await agent.get('/api/v1/users')).body.detail).toBe("Your account is waiting for an administrator's approval");
    },
  },
];
// #endregion checks

test.for(checks.map((check) => [check.name, check] as const))('solution: %s', async ([, check]) => {
  await check.run(forumWithSuspension);
});

test.for(checks.map((check) => [check.name, check] as const))('lesson 08 as it is: %s', async ([, check]) => {
  if (check.isNew) await expect(check.run(lesson), 'a check of the new behaviour must fail before the exercise').rejects.toThrow();
  else await check.run(lesson);
});
