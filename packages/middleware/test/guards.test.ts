import { once } from 'node:events';
import type { RequestHandler, Response } from 'express';
import request from 'supertest';
import { expect, test } from 'vitest';
import { requireApproved, requireRole, requireUser } from '../src/index.ts';
import { appWith, cookieFrom, deferred, drainEventLoop, listen, someUsers, startGet, withSessions } from './helpers.ts';

// The chain the forum uses: requireUser → requireApproved → (requireRole) → handler.
function forumApp() {
  const users = someUsers();
  return appWith((app) => {
    withSessions(app);
    const requireLogin = requireUser({ loadUser: (id) => users.get(Number(id)) });
    app.get('/posts', requireLogin, requireApproved(), (_req, res) => res.json([{ id: 1 }]));
    app.get('/users', requireLogin, requireApproved(), requireRole('admin'), (_req, res) => res.json([...users.values()]));
  }).app;
}

async function as(userId: number | null, path: string) {
  const agent = request.agent(forumApp());
  if (userId !== null) await agent.post(`/test/login/${userId}`).expect(204);
  return agent.get(path);
}

test('the chain answers 401 to a visitor who is not logged in', async () => {
  const res = await as(null, '/posts');

  expect(res.status).toBe(401);
  expect(res.body.detail).toBe('You must be logged in');
});

test('the chain answers 403 to a pending user, saying why', async () => {
  const res = await as(3, '/posts');

  expect(res.status).toBe(403);
  expect(res.body).toMatchObject({
    title: 'Forbidden',
    status: 403,
    detail: "Your account is waiting for an administrator's approval",
    instance: '/posts',
  });
});

test('the chain lets an approved user through to the handler', async () => {
  const res = await as(2, '/posts');

  expect(res.status).toBe(200);
  expect(res.body).toEqual([{ id: 1 }]);
});

test('requireRole answers 403 to an approved member on an admin route', async () => {
  const res = await as(2, '/users');

  expect(res.status).toBe(403);
  expect(res.body.detail).toBe('This action requires the admin role');
});

test('requireRole lets an admin through', async () => {
  const res = await as(1, '/users');

  expect(res.status).toBe(200);
  expect(res.body).toHaveLength(3);
});

test('requireRole accepts any of several roles', async () => {
  const { app } = appWith((app) => {
    app.use((req, _res, next) => {
      req.user = { id: 9, status: 'approved', role: String(req.query.role) };
      next();
    });
    app.get('/moderate', requireRole(['admin', 'moderator']), (_req, res) => res.end());
  });

  const moderator = await request(app).get('/moderate?role=moderator');
  const member = await request(app).get('/moderate?role=member');

  expect(moderator.status).toBe(200);
  expect(member.status).toBe(403);
  expect(member.body.detail).toBe('This action requires one of the roles: admin, moderator');
});

test('requireApproved and requireRole answer 401, not a crash, without requireUser before them', async () => {
  const { app, errors } = appWith((app) => {
    app.get('/a', requireApproved(), (_req, res) => res.end());
    app.get('/b', requireRole('admin'), (_req, res) => res.end());
  });

  const a = await request(app).get('/a');
  const b = await request(app).get('/b');

  expect([a.status, b.status]).toEqual([401, 401]);
  expect(a.body.detail).toBe('You must be logged in');
  expect(errors).toEqual([]);
});

test('approvedStatus names the status that lets a user in', async () => {
  const { app } = appWith((app) => {
    app.use((req, _res, next) => {
      req.user = { id: 1, status: String(req.query.status), role: 'member' };
      next();
    });
    app.get('/', requireApproved({ approvedStatus: 'active' }), (_req, res) => res.end());
  });

  expect((await request(app).get('/?status=active')).status).toBe(200);
  expect((await request(app).get('/?status=approved')).status).toBe(403);
});

test('requireApproved answers 403 to a user without a status: not approved', async () => {
  const { app, errors } = appWith((app) => {
    app.use((req, _res, next) => {
      req.user = { id: 1, role: 'admin' };
      next();
    });
    app.get('/posts', requireApproved(), (_req, res) => res.end());
  });

  const res = await request(app).get('/posts');

  expect(res.status).toBe(403);
  expect(res.body.detail).toBe("Your account is waiting for an administrator's approval");
  expect(errors).toEqual([]);
});

test('requireRole answers 403 to a user without a role: no role at all', async () => {
  const { app, errors } = appWith((app) => {
    app.use((req, _res, next) => {
      req.user = { id: 1, status: 'approved' };
      next();
    });
    app.get('/users', requireRole('admin'), (_req, res) => res.end());
  });

  const res = await request(app).get('/users');

  expect(res.status).toBe(403);
  expect(res.body.detail).toBe('This action requires the admin role');
  expect(errors).toEqual([]);
});

// #region forgetful-guard
// The approval check as the source material writes it: when the user is
// approved it neither answers nor calls next(), so the request hangs until
// the client gives up. Lesson 08 shows this bug and its fix.
const forgetfulApproval: RequestHandler = (req, res) => {
  if (req.user?.status !== 'approved') {
    res.status(403).json({ error: 'Not approved' });
  }
  // missing: next();
};
// #endregion forgetful-guard

test('a middleware that neither answers nor calls next() leaves the request hanging', async () => {
  const users = someUsers();
  const guardRan = deferred<Response>();
  let handlerRan = false;
  const { app } = appWith((app) => {
    withSessions(app);
    app.get(
      '/posts',
      requireUser({ loadUser: (id) => users.get(Number(id)) }),
      (req, res, next) => {
        try {
          forgetfulApproval(req, res, next);
        } finally {
          guardRan.resolve(res);
        }
      },
      (_req, res) => {
        handlerRan = true;
        res.json([]);
      },
    );
  });
  const server = await listen(app);
  const login = await request(server).post('/test/login/2').expect(204);

  const client = startGet(server, '/posts', { Cookie: cookieFrom(login) });
  const res = await guardRan.promise;
  let finished = false;
  res.on('finish', () => {
    finished = true;
  });
  await drainEventLoop();

  // The guard has returned and everything it set off has run: nothing was
  // sent, nothing will be, and the handler after it never ran.
  expect(res.headersSent).toBe(false);
  expect(res.writableEnded).toBe(false);
  expect(finished).toBe(false);
  expect(handlerRan).toBe(false);
  expect(client.answered()).toBe(false);

  // Only the client can end the request, by giving up on it.
  const closed = once(res, 'close');
  expect(await client.abort()).toMatchObject({ name: 'AbortError' });
  await closed;
  expect(res.writableFinished).toBe(false);
  expect(handlerRan).toBe(false);
  expect(client.answered()).toBe(false);
});

test('the same chain with requireApproved() answers at once', async () => {
  const res = await as(2, '/posts').then((r) => r);

  expect(res.status).toBe(200);
});
