// What the black-box tests share: the users they register, agents logged in
// as each kind of caller, and the problem details every error answer
// carries. Built on makeApi() and HTTP alone, like the tests themselves.
import request from 'supertest';
import { expect } from 'vitest';
import type { makeApi } from '#api-under-test';

/** The app a test talks to: whatever makeApi() built. */
export type Api = ReturnType<typeof makeApi>['app'];

/** The `name=value` part of a Set-Cookie header, to send back as a Cookie header. */
export function sessionCookie(setCookie: string[] | string | undefined): string {
  const header = [setCookie ?? []].flat().find((cookie) => cookie.startsWith('forum.sid='));
  if (header === undefined) throw new Error('the answer set no forum.sid cookie');
  return header.split(';')[0]!;
}

/** The admin: makeApi's config names this email in ADMIN_EMAIL. */
export const admin = { username: 'admin', email: 'admin@example.com', password: 'a long phrase only I know 42' };
export const ada = { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple' };
export const grace = { username: 'grace', email: 'grace@example.com', password: 'amazing hopper compiler 1906' };

// #region logged-in-agent
/**
 * Registers `user`, logs in, and returns a supertest agent: like a browser,
 * it keeps the session cookie and sends it with every request after.
 */
export async function loggedInAgent(app: Api, user: { username: string; email: string; password: string } = ada) {
  const agent = request.agent(app);
  await agent.post('/api/v1/auth/register').send(user).expect(201);
  await agent.post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
  return agent;
}
// #endregion logged-in-agent

// #region role-agents
/** Logs in as the admin of makeApi's config, registering the account the first time. */
export async function adminAgent(app: Api) {
  const agent = request.agent(app);
  const registered = await agent.post('/api/v1/auth/register').send(admin);
  expect([201, 409]).toContain(registered.status);
  await agent.post('/api/v1/auth/login').send({ email: admin.email, password: admin.password }).expect(200);
  return agent;
}

/** Registers `user`, has the admin approve the account, and returns the user's logged-in agent. */
export async function approvedAgent(app: Api, user: { username: string; email: string; password: string } = ada) {
  const agent = await loggedInAgent(app, user);
  const { body: me } = await agent.get('/api/v1/auth/me').expect(200);
  await (await adminAgent(app)).post(`/api/v1/users/${me.id}/approve`).expect(200);
  return agent;
}
// #endregion role-agents

/** The problem details every error answer carries. */
export function problemFor(status: number, title: string, detail: string, instance: string) {
  return { type: 'about:blank', title, status, detail, instance, requestId: expectRequestId() };
}

function expectRequestId() {
  return expect.stringMatching(/^[0-9a-f-]{36}$/);
}
