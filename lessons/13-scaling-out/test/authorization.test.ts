// Lesson 11's test/api/authorization.test.ts walks every cell of the matrix
// against this app. This test checks the matrix itself against the routes
// Express holds, which no client can list.
import type { Express } from 'express';
import { expect, test } from 'vitest';
import { matrix } from './authorization-matrix.ts';
import { createApi } from '../src/api.ts';
import { loadConfig } from '../src/config.ts';
import { createAuthController } from '../src/controllers/auth.ts';
import { createPostsController } from '../src/controllers/posts.ts';
import { createUsersController } from '../src/controllers/users.ts';
import { createLogger } from '../src/logger.ts';
import { makeApp, notice } from './helpers.ts';

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
