// A common mistake of lesson 08, and its symptoms: the user kept in the
// session misses every change an admin makes, until the next login.
import { expect, test } from 'vitest';
import { ada, lesson, logIn, logInAdmin, startForum } from './helpers.ts';
import { forumWithReject } from './reject-pending.ts';
import { forumWithUserInSession } from './user-in-session.ts';

// #region test
test('with the user kept in the session, an approval does not reach a user who is logged in', async () => {
  const { app } = startForum(forumWithUserInSession);
  const { agent, id } = await logIn(app, ada);
  await (await logInAdmin(app)).post(`/api/v1/users/${id}/approve`).expect(200);

  // The database says approved; the session still says pending, until Ada
  // logs out and in again.
  expect((await agent.get('/api/v1/auth/me')).body.status).toBe('pending');
});

test('with the user kept in the session, a deleted account stays logged in', async () => {
  const { app } = startForum(forumWithUserInSession);
  const { agent, id } = await logIn(app, ada);
  await (await logInAdmin(app)).delete(`/api/v1/users/${id}`).expect(204);

  const res = await agent.get('/api/v1/auth/me');

  expect(res.status).toBe(200);
  expect(res.body.username).toBe('ada');
});

test('loaded on every request, as the lesson does, the user is approved at once', async () => {
  const { app } = startForum(lesson);
  const { agent, id } = await logIn(app, ada);
  await (await logInAdmin(app)).post(`/api/v1/users/${id}/approve`).expect(200);

  expect((await agent.get('/api/v1/auth/me')).body.status).toBe('approved');
});

test('loaded on every request, a deleted account is logged out at once', async () => {
  const { app } = startForum(forumWithReject);
  const { agent, id } = await logIn(app, ada);
  await (await logInAdmin(app)).delete(`/api/v1/users/${id}`).expect(204);

  expect((await agent.get('/api/v1/auth/me')).status).toBe(401);
});
// #endregion test
