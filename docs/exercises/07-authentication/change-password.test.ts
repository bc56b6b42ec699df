import request from 'supertest';
import { expect, test } from 'vitest';
import { createPasswordRouter } from './change-password.ts';
import { ada, appWith, loggedInAgent } from './helpers.ts';

const change = { currentPassword: ada.password, newPassword: 'a brand new passphrase' };

test('changes the password: the new one logs in, the old one no longer does', async () => {
  const { app } = appWith(createPasswordRouter);
  const agent = await loggedInAgent(app);

  const res = await agent.post('/api/v1/auth/password').send(change);

  expect(res.status).toBe(204);
  const login = (password: string) => request(app).post('/api/v1/auth/login').send({ email: ada.email, password });
  expect((await login(change.newPassword)).status).toBe(200);
  expect((await login(ada.password)).status).toBe(401);
});

test('logs out every other session of the user, and keeps this one', async () => {
  const { app } = appWith(createPasswordRouter);
  const laptop = await loggedInAgent(app);
  const phone = request.agent(app);
  await phone.post('/api/v1/auth/login').send({ email: ada.email, password: ada.password }).expect(200);

  await laptop.post('/api/v1/auth/password').send(change).expect(204);

  expect((await laptop.get('/api/v1/auth/me')).status).toBe(200);
  expect((await phone.get('/api/v1/auth/me')).status).toBe(401);
});

test('a wrong current password answers 403 and changes nothing', async () => {
  const { app } = appWith(createPasswordRouter);
  const agent = await loggedInAgent(app);

  const res = await agent.post('/api/v1/auth/password').send({ ...change, currentPassword: 'a wrong guess' });

  expect(res.status).toBe(403);
  expect(res.body.detail).toBe('Current password is incorrect');
  expect((await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: ada.password })).status).toBe(200);
});

test('a new password under 8 characters answers 400', async () => {
  const agent = await loggedInAgent(appWith(createPasswordRouter).app);

  const res = await agent.post('/api/v1/auth/password').send({ ...change, newPassword: 'short' });

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([{ path: 'newPassword', message: 'must be 8 to 256 characters long', location: 'body' }]);
});

test.each([
  ['12345678', 'is too easy to guess'],
  ['password1', 'is too easy to guess'],
  ['ada-lovelace-1815', 'must not contain your username'],
])('a new password that breaks the register policy, %j, answers 400 and changes nothing', async (newPassword, message) => {
  const { app } = appWith(createPasswordRouter);
  const agent = await loggedInAgent(app);

  const res = await agent.post('/api/v1/auth/password').send({ ...change, newPassword });

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([{ path: 'newPassword', message: expect.stringContaining(message), location: 'body' }]);
  expect((await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: ada.password })).status).toBe(200);
});

test('without a login it answers 401', async () => {
  const res = await request(appWith(createPasswordRouter).app).post('/api/v1/auth/password').send(change);

  expect(res.status).toBe(401);
});
