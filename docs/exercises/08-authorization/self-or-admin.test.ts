// The checks of lesson 08, exercise 2 (requireSelfOrAdmin), run against the
// solution and against lesson 08 as it is.
import request from 'supertest';
import { expect, test } from 'vitest';
import { ada, admin, grace, lesson, logIn, logInAdmin, logInApproved, startForum, type Check } from './helpers.ts';
import { forumWithSelfOrAdmin } from './self-or-admin.ts';

// #region checks
const checks: Check[] = [
  {
    name: 'a pending member reads their own record, email and status included',
    isNew: true,
    run: async (forum) => {
      const { agent, id } = await logIn(startForum(forum).app, ada);

      const res = await agent.get(`/api/v1/users/${id}`);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, username: ada.username, email: ada.email, status: 'pending', role: 'member' });
    },
  },
  {
    name: 'an approved member reads their own record',
    isNew: true,
    run: async (forum) => {
      const { agent, id } = await logInApproved(startForum(forum).app, grace);

      const res = await agent.get(`/api/v1/users/${id}`);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, username: grace.username, status: 'approved' });
    },
  },
  {
    name: "a member gets 403 for someone else's record, and for an id nobody has: nothing leaks",
    isNew: false,
    run: async (forum) => {
      const { app } = startForum(forum);
      const other = await logIn(app, grace);
      const { agent } = await logInApproved(app, ada);

      const res = await agent.get(`/api/v1/users/${other.id}`);

      expect(res.status).toBe(403);
      expect(res.text).not.toContain(grace.email);
      expect(res.text).not.toContain(grace.username);
      expect((await agent.get('/api/v1/users/4242')).status).toBe(403);
    },
  },
  {
    name: 'an admin reads any record, and gets 404 for an id nobody has',
    isNew: false,
    run: async (forum) => {
      const { app } = startForum(forum);
      const member = await logIn(app, ada);
      const agent = await logInAdmin(app);

      expect((await agent.get(`/api/v1/users/${member.id}`)).body).toMatchObject({ email: ada.email });
      expect((await agent.get('/api/v1/users/4242')).status).toBe(404);
      const me = await agent.get('/api/v1/auth/me');
      expect((await agent.get(`/api/v1/users/${me.body.id}`)).body).toMatchObject({ email: admin.email, role: 'admin' });
    },
  },
  {
    name: 'without a login, a record is 401',
    isNew: false,
    run: async (forum) => {
      const { app } = startForum(forum);
      const { id } = await logIn(app, ada);

      expect((await request(app).get(`/api/v1/users/${id}`)).status).toBe(401);
    },
  },
  {
    name: 'the list and approve stay for admins: a member approving themself gets 403',
    isNew: false,
    run: async (forum) => {
      const { app } = startForum(forum);
      const { agent, id } = await logIn(app, ada);

      expect((await agent.get('/api/v1/users')).status).toBe(403);
      expect((await agent.post(`/api/v1/users/${id}/approve`)).status).toBe(403);
      expect((await agent.get('/api/v1/auth/me')).body.status).toBe('pending');
    },
  },
];
// #endregion checks

test.for(checks.map((check) => [check.name, check] as const))('solution: %s', async ([, check]) => {
  await check.run(forumWithSelfOrAdmin);
});

test.for(checks.map((check) => [check.name, check] as const))('lesson 08 as it is: %s', async ([, check]) => {
  if (check.isNew) await expect(check.run(lesson), 'a check of the new behaviour must fail before the exercise').rejects.toThrow();
  else await check.run(lesson);
});
