import request from 'supertest';
import { expect, test } from 'vitest';
import { requireUser, type RequireUserOptions } from '../src/index.ts';
import { appWith, sessionOf, someUsers, withSessions } from './helpers.ts';

function appRequiringUser(options: Partial<RequireUserOptions> = {}, sessionKey?: string) {
  const users = someUsers();
  const calls: Array<number | string> = [];
  const { app, errors } = appWith((app) => {
    withSessions(app, sessionKey);
    const requireLogin = requireUser({
      loadUser: (id) => {
        calls.push(id);
        return users.get(Number(id));
      },
      ...options,
    });
    app.get('/me', requireLogin, (req, res) => res.json(req.user));
  });
  return { app, errors, users, calls };
}

test('answers 401 "You must be logged in" without a session', async () => {
  const { app, calls } = appRequiringUser();

  const res = await request(app).get('/me');

  expect(res.status).toBe(401);
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(res.body).toMatchObject({ title: 'Unauthorized', status: 401, detail: 'You must be logged in' });
  expect(calls).toEqual([]);
});

test('loads the user named by req.session.userId onto req.user', async () => {
  const { app, calls } = appRequiringUser();
  const agent = request.agent(app);
  await agent.post('/test/login/2').expect(204);

  const res = await agent.get('/me');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ id: 2, name: 'Grace', status: 'approved', role: 'member' });
  expect(calls).toEqual([2]);
});

test('loadUser may be async', async () => {
  const users = someUsers();
  const { app } = appRequiringUser({
    loadUser: async (id) => {
      // Answer on a later turn of the event loop, as a database call would.
      await new Promise((resolve) => setImmediate(resolve));
      return users.get(Number(id));
    },
  });
  const agent = request.agent(app);
  await agent.post('/test/login/1');

  const res = await agent.get('/me');

  expect(res.body.name).toBe('Ada');
});

test('loadUser receives the request', async () => {
  let seen: string | undefined;
  const { app } = appRequiringUser({
    loadUser: (id, req) => {
      seen = req.get('X-Test');
      return { id, status: 'approved', role: 'member' };
    },
  });
  const agent = request.agent(app);
  await agent.post('/test/login/1');

  await agent.get('/me').set('X-Test', 'here');

  expect(seen).toBe('here');
});

test('a session naming a user who no longer exists answers 401 and forgets the user id', async () => {
  const { app, users } = appRequiringUser();
  const agent = request.agent(app);
  await agent.post('/test/login/3');
  users.delete(3);

  const res = await agent.get('/me');
  const session = await agent.get('/test/session');

  expect(res.status).toBe(401);
  expect(res.body.detail).toBe('You must be logged in');
  expect(session.body).not.toHaveProperty('userId');
});

test('loadUser returning null counts as no user', async () => {
  const { app } = appRequiringUser({ loadUser: () => null });
  const agent = request.agent(app);
  await agent.post('/test/login/1');

  const res = await agent.get('/me');

  expect(res.status).toBe(401);
});

test('a user id that is not a number or a string answers 401 and is cleared', async () => {
  const calls: unknown[] = [];
  const { app } = appWith((app) => {
    withSessions(app);
    app.post('/test/odd', (req, res) => {
      sessionOf(req).userId = { id: 1 };
      res.status(204).end();
    });
    const requireLogin = requireUser({
      loadUser: (id) => {
        calls.push(id);
        return undefined;
      },
    });
    app.get('/me', requireLogin, (_req, res) => res.end());
  });
  const agent = request.agent(app);
  await agent.post('/test/odd');

  const res = await agent.get('/me');
  const session = await agent.get('/test/session');

  expect(res.status).toBe(401);
  expect(session.body).not.toHaveProperty('userId');
  expect(calls).toEqual([]);
});

test('sessionKey reads the id from another session property', async () => {
  const { app, calls } = appRequiringUser({ sessionKey: 'accountId' }, 'accountId');
  const agent = request.agent(app);
  await agent.post('/test/login/1');

  const res = await agent.get('/me');

  expect(res.status).toBe(200);
  expect(calls).toEqual([1]);
});

test('an error thrown by loadUser is a 500 that reaches the log, not the client', async () => {
  const { app, errors } = appRequiringUser({
    loadUser: () => {
      throw new Error('database is locked');
    },
  });
  const agent = request.agent(app);
  await agent.post('/test/login/1');

  const res = await agent.get('/me');

  expect(res.status).toBe(500);
  expect(res.text).not.toContain('locked');
  expect(String(errors[0]!.error)).toContain('database is locked');
});

test('without session middleware it is a 500 whose log says what to mount', async () => {
  const { app, errors } = appWith((app) => {
    app.get('/me', requireUser({ loadUser: () => undefined }), (_req, res) => res.end());
  });

  const res = await request(app).get('/me');

  expect(res.status).toBe(500);
  expect(String(errors[0]!.error)).toContain('requireUser() found no req.session: mount express-session before it');
});
