// A small app with the lesson's session middleware and one router, on a
// fresh in-memory database, ending in lesson 04's error handler. The router is
// made from the store, as createApp() makes the lesson's session router.
import { errorHandler, notFound } from '@forum-lessons/error-handler';
import { SQLiteStore } from '@forum-lessons/session-store';
import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Store } from 'express-session';
import { onTestFinished } from 'vitest';
import { loadConfig, type Config } from '../../../lessons/06-sessions/src/config.ts';
import { openDatabase } from '../../../lessons/06-sessions/src/db.ts';
import { sessionMiddleware } from '../../../lessons/06-sessions/src/session.ts';

export const config: Config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: ':memory:' });

/** What a session router needs: the settings, and the store it counts sessions in. */
export interface RouterDeps {
  config: Config;
  store: Store;
}

export function appWith(
  makeRouter: (deps: RouterDeps) => Router,
  makeSession: (store: SQLiteStore) => RequestHandler = (store) => sessionMiddleware({ config, store }),
): Express {
  const db = openDatabase(':memory:');
  const store = new SQLiteStore({ db });
  onTestFinished(() => {
    store.close();
    db.close();
  });
  const app = express();
  app.use(makeSession(store));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/api/v1/session', makeRouter({ config, store }));
  app.use(notFound());
  app.use(errorHandler({ log: () => {} }));
  return app;
}

/** The `name=value` part of the forum.sid Set-Cookie header. */
export function sessionCookie(setCookie: string[] | string | undefined): string | undefined {
  return [setCookie ?? []].flat().find((cookie) => cookie.startsWith('forum.sid='))?.split(';')[0];
}
