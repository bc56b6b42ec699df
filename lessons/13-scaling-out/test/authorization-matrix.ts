// Who may call what: every endpoint of this lesson against every kind of
// caller, with the status each one gets: lesson 11's table (a copy of
// ../11-production/test/api/authorization-matrix.ts), which lesson 11's API
// tests walk cell by cell against this lesson's app. Here, test/authorization.test.ts checks that it lists every route
// this app has, and test/bad-input.test.ts sends bad input to each one.
import type TestAgent from 'supertest/lib/agent.js';

// #region callers
/** The kinds of caller, from no login at all to an admin. */
export const callers = ['anonymous', 'pending member', 'approved member', 'post author', 'admin'] as const;
export type Caller = (typeof callers)[number];
// #endregion callers

/**
 * What a cell's request may use: an account nobody has logged in as, to
 * approve or log in with; a post by the post author; and a way to get a new
 * post by the post author, for a cell that changes or deletes one.
 */
export interface Target {
  id: number;
  email: string;
  password: string;
  postId: number;
  newPost: () => Promise<number>;
}

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** Sends the request as `agent`; most endpoints need no more than method and path. */
  send?: (agent: TestAgent, target: Target, caller: Caller) => Promise<{ status: number }>;
  expected: Record<Caller, number>;
}

const everyone = (status: number): Record<Caller, number> => ({
  anonymous: status,
  'pending member': status,
  'approved member': status,
  'post author': status,
  admin: status,
});
const loggedIn = { anonymous: 401, 'pending member': 200, 'approved member': 200, 'post author': 200, admin: 200 };
const adminOnly = { anonymous: 401, 'pending member': 403, 'approved member': 403, 'post author': 403, admin: 200 };
// #region post-rules
const approved = (status: number) => ({ anonymous: 401, 'pending member': 403, 'approved member': status, 'post author': status, admin: status });
const authorOrAdmin = (status: number) => ({ anonymous: 401, 'pending member': 403, 'approved member': 403, 'post author': status, admin: status });
// #endregion post-rules

// #region matrix
export const matrix: Endpoint[] = [
  { method: 'GET', path: '/health', expected: everyone(200) },
  { method: 'GET', path: '/ready', expected: everyone(200) },
  { method: 'GET', path: '/api/v1/ping', expected: everyone(200) },
  { method: 'GET', path: '/api/v1/notice', expected: everyone(200) },
  { method: 'GET', path: '/api/v1/session', expected: everyone(200) },
  {
    method: 'POST',
    path: '/api/v1/auth/register',
    // Each caller registers an account of its own.
    send: (agent, _target, caller) => {
      const name = caller.replace(/\W/g, '_');
      return agent.post('/api/v1/auth/register').send({ username: `new_${name}`, email: `new.${name}@example.com`, password: 'a passphrase nobody guesses' });
    },
    expected: everyone(201),
  },
  {
    method: 'POST',
    path: '/api/v1/auth/login',
    send: (agent, target) => agent.post('/api/v1/auth/login').send({ email: target.email, password: target.password }),
    expected: everyone(200),
  },
  { method: 'GET', path: '/api/v1/auth/me', expected: loggedIn },
  { method: 'POST', path: '/api/v1/auth/logout', expected: everyone(204) },
  { method: 'GET', path: '/api/v1/users', expected: adminOnly },
  { method: 'GET', path: '/api/v1/users?status=pending', expected: adminOnly },
  {
    method: 'GET',
    path: '/api/v1/users/:id',
    send: (agent, target) => agent.get(`/api/v1/users/${target.id}`),
    expected: adminOnly,
  },
  {
    method: 'POST',
    path: '/api/v1/users/:id/approve',
    send: (agent, target) => agent.post(`/api/v1/users/${target.id}/approve`),
    expected: adminOnly,
  },
  // Lesson 09: posts and replies.
  { method: 'GET', path: '/api/v1/posts', expected: approved(200) },
  {
    method: 'POST',
    path: '/api/v1/posts',
    send: (agent) => agent.post('/api/v1/posts').send({ title: 'Hello', body: 'A first post.' }),
    expected: approved(201),
  },
  { method: 'GET', path: '/api/v1/posts/:id', send: (agent, target) => agent.get(`/api/v1/posts/${target.postId}`), expected: approved(200) },
  {
    method: 'PATCH',
    path: '/api/v1/posts/:id',
    send: async (agent, target) => agent.patch(`/api/v1/posts/${await target.newPost()}`).send({ title: 'Edited' }),
    expected: authorOrAdmin(200),
  },
  {
    method: 'DELETE',
    path: '/api/v1/posts/:id',
    send: async (agent, target) => agent.delete(`/api/v1/posts/${await target.newPost()}`),
    expected: authorOrAdmin(204),
  },
  {
    method: 'GET',
    path: '/api/v1/posts/:id/replies',
    send: (agent, target) => agent.get(`/api/v1/posts/${target.postId}/replies`),
    expected: approved(200),
  },
  {
    method: 'POST',
    path: '/api/v1/posts/:id/replies',
    send: (agent, target) => agent.post(`/api/v1/posts/${target.postId}/replies`).send({ body: 'Welcome!' }),
    expected: approved(201),
  },
];
// #endregion matrix
