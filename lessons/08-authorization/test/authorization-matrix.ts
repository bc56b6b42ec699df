// Who may call what: every endpoint of this lesson against every kind of
// caller, with the status each one gets. test/authorization.test.ts walks
// every cell against the app, and the lesson page renders this same table,
// so the page cannot drift from what the app does.
import type TestAgent from 'supertest/lib/agent.js';

// #region callers
/** The kinds of caller, from no login at all to an admin. */
export const callers = ['anonymous', 'pending member', 'approved member', 'admin'] as const;
export type Caller = (typeof callers)[number];
// #endregion callers

/** What a cell's request may use: an account nobody has logged in as, to approve or log in with. */
export interface Target {
  id: number;
  email: string;
  password: string;
}

export interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
  /** Sends the request as `agent`; most endpoints need no more than method and path. */
  send?: (agent: TestAgent, target: Target, caller: Caller) => Promise<{ status: number }>;
  expected: Record<Caller, number>;
}

const everyone = (status: number): Record<Caller, number> => ({
  anonymous: status,
  'pending member': status,
  'approved member': status,
  admin: status,
});
const loggedIn = { anonymous: 401, 'pending member': 200, 'approved member': 200, admin: 200 };
const adminOnly = { anonymous: 401, 'pending member': 403, 'approved member': 403, admin: 200 };

// #region matrix
export const matrix: Endpoint[] = [
  { method: 'GET', path: '/health', expected: everyone(200) },
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
];
// #endregion matrix
