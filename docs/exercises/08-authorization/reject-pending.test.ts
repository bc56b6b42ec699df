// The checks of lesson 08, exercise 1 (reject a pending account), run
// against the solution and against lesson 08 as it is.
import request from 'supertest';
import { expect, test } from 'vitest';
import { ada, grace, lesson, logIn, logInAdmin, logInApproved, startForum, type Check } from './helpers.ts';
import { forumWithReject } from './reject-pending.ts';

// #region checks
const checks: Check[] = [
  {
    name: 'an admin rejects a pending account: 204, and the account is gone',
    isNew: true,
    run: async (forum) => {
      const { app } = startForum(forum);
      const { id } = await logIn(app, ada);
      const admin = await logInAdmin(app);

      expect((await admin.delete(`/api/v1/users/${id}`)).status).toBe(204);
      expect((await admin.get(`/api/v1/users/${id}`)).status).toBe(404);
      expect((await admin.get('/api/v1/users?status=pending')).body.total).toBe(0);
    },
  },
  {
    name: "the rejected user's session no longer works, and the email can register again",
    isNew: true,
    run: async (forum) => {
      const { app } = startForum(forum);
      const { agent, id } = await logIn(app, ada);
      await (await logInAdmin(app)).delete(`/api/v1/users/${id}`).expect(204);

      expect((await agent.get('/api/v1/auth/me')).status).toBe(401);
      expect((await request(app).post('/api/v1/auth/register').send(ada)).status).toBe(201);
    },
  },
  {
    name: 'an approved account cannot be rejected: 409, and it stays',
    isNew: true,
    run: async (forum) => {
      const { app } = startForum(forum);
      const { id } = await logInApproved(app, grace);
      const admin = await logInAdmin(app);

      const res = await admin.delete(`/api/v1/users/${id}`);

      expect(res.status).toBe(409);
      expect((await admin.get(`/api/v1/users/${id}`)).body.status).toBe('approved');
    },
  },
  {
    name: "an id nobody has answers 404 User not found, and a malformed one 400",
    isNew: true,
    run: async (forum) => {
      const admin = await logInAdmin(startForum(forum).app);

      const missing = await admin.delete('/api/v1/users/42');
      expect(missing.status).toBe(404);
      expect(missing.body.detail).toBe('User not found');
      expect((await admin.delete('/api/v1/users/abc')).status).toBe(400);
    },
  },
  {
    name: 'only an admin may reject: 401 without a login, 403 for members, and nothing is deleted',
    isNew: false,
    run: async (forum) => {
      const { app } = startForum(forum);
      const pending = await logIn(app, ada);
      const approved = await logInApproved(app, grace);

      expect((await request(app).delete(`/api/v1/users/${pending.id}`)).status).toBe(401);
      expect((await pending.agent.delete(`/api/v1/users/${pending.id}`)).status).toBe(403);
      expect((await approved.agent.delete(`/api/v1/users/${pending.id}`)).status).toBe(403);
      expect((await pending.agent.get('/api/v1/auth/me')).status).toBe(200);
    },
  },
];
// #endregion checks

test.for(checks.map((check) => [check.name, check] as const))('solution: %s', async ([, check]) => {
  await check.run(forumWithReject);
});

test.for(checks.map((check) => [check.name, check] as const))('lesson 08 as it is: %s', async ([, check]) => {
  if (check.isNew) await expect(check.run(lesson), 'a check of the new behaviour must fail before the exercise').rejects.toThrow();
  else await check.run(lesson);
});
