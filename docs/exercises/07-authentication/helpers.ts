// A small app with lesson 07's session middleware, absolute session lifetime
// and auth router, plus the router an exercise adds, on a fresh in-memory
// database.
import { errorHandler, notFound } from '@forum-lessons/error-handler';
import { SQLiteStore } from '@forum-lessons/session-store';
import type { Database } from 'better-sqlite3';
import express, { type Express, type Router } from 'express';
import request from 'supertest';
import { onTestFinished } from 'vitest';
import { loadConfig, type Config } from '../../../lessons/07-authentication/src/config.ts';
import { openDatabase } from '../../../lessons/07-authentication/src/db.ts';
import { createAuthRouter } from '../../../lessons/07-authentication/src/routes/auth.ts';
import { createSessionRouter } from '../../../lessons/07-authentication/src/routes/session.ts';
import { sessionLifetime, sessionMiddleware } from '../../../lessons/07-authentication/src/session.ts';

export const config: Config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: ':memory:' });
export const ada = { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple' };

/** What an exercise's router gets: the settings, the database and the clock that stamps logins. */
export interface ExtraDeps {
  config: Config;
  db: Database;
  now: () => number;
}

/** A clock that moves only when a test moves it, for the login times. */
export function testClock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

/** `extra` is mounted at /api/v1/auth before the lesson's auth router, so its routes win. */
export function appWith(
  extra?: (deps: ExtraDeps) => Router,
  { now }: { now: () => number } = testClock(),
): { app: Express; db: Database } {
  const db = openDatabase(':memory:');
  const store = new SQLiteStore({ db });
  onTestFinished(() => {
    store.close();
    db.close();
  });
  const app = express();
  app.use(express.json({ limit: '10kb' }));
  app.use(sessionMiddleware({ config, store }));
  app.use(sessionLifetime({ config, now }));
  if (extra) app.use('/api/v1/auth', extra({ config, db, now }));
  app.use('/api/v1/auth', createAuthRouter({ config, db, now }));
  app.use('/api/v1/session', createSessionRouter({ config, store }));
  app.use(notFound());
  app.use(errorHandler({ log: () => {} }));
  return { app, db };
}

/** Registers ada and logs her in on a new agent, which keeps the cookie. */
export async function loggedInAgent(app: Express) {
  const agent = request.agent(app);
  await agent.post('/api/v1/auth/register').send(ada);
  await agent.post('/api/v1/auth/login').send({ email: ada.email, password: ada.password }).expect(200);
  return agent;
}
