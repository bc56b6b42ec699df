import { SQLiteStore } from '@forum-lessons/session-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { expect, onTestFinished } from 'vitest';
import { createApp, type AppOverrides } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase } from '../src/db.ts';
import { createLogger } from '../src/logger.ts';
import type { Notice } from '../src/notice.ts';

// Lesson 11's white-box tests import the users, agents and problem details
// from its test/api/helpers.ts. This lesson has no test/api/ of its own (it
// runs lesson 11's), so they are defined here, as lesson 11 had them before
// the split, and shared by this lesson's white-box tests.

export const notice: Notice = { message: 'Welcome to the forum.', updatedAt: '2025-01-01T00:00:00.000Z' };

// #region make-app
/** One log entry as pino wrote it: a JSON object per line. */
export type LogEntry = Record<string, unknown> & { level: number; msg: string };

/** The settings every test app starts from; a test adds or changes some with `env`. */
export const testEnv = { NODE_ENV: 'test', ADMIN_EMAIL: 'admin@example.com' };

/**
 * A fresh app on a fresh database, closed when the test ends: in memory
 * unless `databasePath` names a file. Sessions go into the same database,
 * through a SQLiteStore on the same connection. Settings are `testEnv` and
 * `env`, read by loadConfig() as the server reads them, or `config`. The
 * database and the store are opened here and handed to createApp(), so a
 * test can look into them; test/api-under-test.ts lets createApp() open
 * its own. The log goes into `logs`, one parsed entry per line, through the
 * app's own logger (its redaction included); `requests` and `errors`
 * collect the entries of finished requests and of 5xx errors.
 */
export function makeApp({
  databasePath = ':memory:',
  env = {},
  config: given,
  ...overrides
}: AppOverrides & { config?: Config; databasePath?: string; env?: Record<string, string> } = {}) {
  const config = { ...(given ?? loadConfig({ ...testEnv, ...env })), databasePath };
  const logs: LogEntry[] = [];
  const requests: LogEntry[] = [];
  const errors: LogEntry[] = [];
  const logger = createLogger(config, {
    write: (line: string) => {
      const entry = JSON.parse(line) as LogEntry;
      logs.push(entry);
      if ('responseTime' in entry) requests.push(entry);
      if (entry.msg === 'request failed') errors.push(entry);
    },
  });
  const db = openDatabase(databasePath);
  const store = new SQLiteStore({ db });
  onTestFinished(() => {
    store.close();
    db.close();
  });
  const { app, services, close } = createApp(config, { db, sessionStore: store, logger, readNotice: async () => notice, ...overrides });
  // Closes whatever createApp() opened itself (nothing, unless a test handed it neither db nor store).
  onTestFinished(close);
  return { app, db, store, logs, requests, errors, services };
}
// #endregion make-app

/** A path for a database file in a folder of its own, removed when the test ends. */
export function tempDatabasePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forum-test-'));
  onTestFinished(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return join(dir, 'forum.db');
}

/** The `name=value` part of a Set-Cookie header, to send back as a Cookie header. */
export function sessionCookie(setCookie: string[] | string | undefined): string {
  const header = [setCookie ?? []].flat().find((cookie) => cookie.startsWith('forum.sid='));
  if (header === undefined) throw new Error('the answer set no forum.sid cookie');
  return header.split(';')[0]!;
}

/** The admin: makeApp's config names this email in ADMIN_EMAIL. */
export const admin = { username: 'admin', email: 'admin@example.com', password: 'a long phrase only I know 42' };
export const ada = { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple' };
export const grace = { username: 'grace', email: 'grace@example.com', password: 'amazing hopper compiler 1906' };

// #region logged-in-agent
/**
 * Registers `user`, logs in, and returns a supertest agent: like a browser,
 * it keeps the session cookie and sends it with every request after.
 */
export async function loggedInAgent(app: Express, user: { username: string; email: string; password: string } = ada) {
  const agent = request.agent(app);
  await agent.post('/api/v1/auth/register').send(user).expect(201);
  await agent.post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
  return agent;
}
// #endregion logged-in-agent

// #region role-agents
/** Logs in as the admin of makeApp's config, registering the account the first time. */
export async function adminAgent(app: Express) {
  const agent = request.agent(app);
  const registered = await agent.post('/api/v1/auth/register').send(admin);
  expect([201, 409]).toContain(registered.status);
  await agent.post('/api/v1/auth/login').send({ email: admin.email, password: admin.password }).expect(200);
  return agent;
}

/** Registers `user`, has the admin approve the account, and returns the user's logged-in agent. */
export async function approvedAgent(app: Express, user: { username: string; email: string; password: string } = ada) {
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
