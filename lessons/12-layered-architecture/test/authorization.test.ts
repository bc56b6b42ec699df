import type { Express } from 'express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { expect, test } from 'vitest';
import { callers, matrix, type Caller, type Endpoint } from './authorization-matrix.ts';
import { createApi } from '../src/api.ts';
import { loadConfig } from '../src/config.ts';
import { createAuthController } from '../src/controllers/auth.ts';
import { createPostsController } from '../src/controllers/posts.ts';
import { createUsersController } from '../src/controllers/users.ts';
import { createLogger } from '../src/logger.ts';
import { ada, adminAgent, grace, loggedInAgent, makeApp, notice } from './helpers.ts';

const author = { username: 'author', email: 'author@example.com', password: 'writes a lot of posts 9' };
const target = { username: 'target', email: 'target@example.com', password: 'another quiet passphrase 7' };

/** Has `admin` approve the account `agent` is logged in as. */
async function approve(admin: TestAgent, agent: TestAgent) {
  const { body: me } = await agent.get('/api/v1/auth/me').expect(200);
  await admin.post(`/api/v1/users/${me.id}/approve`).expect(200);
}

// #region walk-matrix
test.each(matrix.map((endpoint) => [`${endpoint.method} ${endpoint.path}`, endpoint] as const))(
  '%s answers each kind of caller as the matrix says',
  async (_name, endpoint: Endpoint) => {
    const { app } = makeApp();
    // One admin approves the others: fewer password hashes than approvedAgent() for each.
    const admin = await adminAgent(app);
    const agents = {
      anonymous: request.agent(app),
      'pending member': await loggedInAgent(app, ada),
      'approved member': await loggedInAgent(app, grace),
      'post author': await loggedInAgent(app, author),
      admin,
    } satisfies Record<Caller, unknown>;
    await approve(admin, agents['approved member']);
    await approve(admin, agents['post author']);
    // An account none of the callers is, for the routes that act on a user.
    const { body } = await request(app).post('/api/v1/auth/register').send(target).expect(201);
    // A post by the post author, and more of them on demand.
    const newPost = async () => (await agents['post author'].post('/api/v1/posts').send({ title: 'Mine', body: 'My post.' }).expect(201)).body.id as number;
    const postId = await newPost();

    const answered: Record<string, number> = {};
    for (const caller of callers) {
      const agent = agents[caller];
      const send = endpoint.send ?? ((a) => (endpoint.method === 'GET' ? a.get(endpoint.path) : a.post(endpoint.path)));
      answered[caller] = (await send(agent, { id: body.id, ...target, postId, newPost }, caller)).status;
    }

    // Every cell of the row at once, so a failure shows the whole row.
    expect(answered).toEqual(endpoint.expected);
  },
);
// #endregion walk-matrix

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every `METHOD /path` the app's routers answer, read from Express's own route list. */
function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${prefix}${layer.route!.path}`.replace(/(.)\/$/, '$1'));
    }
    return layer.handle.stack ? routesOf(layer.handle.stack, prefix + (layer.rawPath ?? '')) : [];
  });
}

/** The layers of an app's router, in the order they were added. */
function stackOf(app: Express): Layer[] {
  return (app as unknown as { router: { stack: Layer[] } }).router.stack;
}

test('the matrix covers every route the app and its API have, and nothing else', () => {
  const { app, services, store } = makeApp();
  // A mounted sub-app hides behind a function of Express's in the root app's
  // list, so the API's routes are read from an API built the same way.
  // The page's routes (its files) are tested in sub-apps.test.ts and web-page.test.ts, not here.
  const config = loadConfig({ NODE_ENV: 'test' });
  const logger = createLogger(config);
  const controllers = {
    auth: createAuthController({ accounts: services.accounts, config, now: Date.now }),
    users: createUsersController({ users: services.users }),
    posts: createPostsController({ posts: services.posts }),
  };
  const api = createApi({
    config,
    controllers,
    findUser: services.accounts.findUser,
    sessionStore: store,
    readNotice: async () => notice,
    now: Date.now,
    logger,
    logError: () => {},
  });
  const routes = [...routesOf(stackOf(app)), ...routesOf(stackOf(api), '/api/v1')];
  const covered = new Set(matrix.map((endpoint) => `${endpoint.method} ${endpoint.path.split('?')[0]}`));

  expect([...covered].sort()).toEqual([...new Set(routes)].sort());
});
