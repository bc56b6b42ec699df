import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterEach, expect, test } from 'vitest';
import { createSessionRouter } from '../../../lessons/06-sessions/src/routes/session.ts';
import { sessionMiddleware } from '../../../lessons/06-sessions/src/session.ts';
import { config, sessionCookie } from './helpers.ts';
import { openSessionStore } from './separate-file.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function appOn(sessionsPath: string) {
  const store = openSessionStore(sessionsPath);
  const app = express();
  app.use(sessionMiddleware({ config, store }));
  app.use('/api/v1/session', createSessionRouter({ config, store }));
  return { app, store };
}

test('sessions kept in their own file survive a restart, and close() closes that file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sessions-'));
  dirs.push(dir);
  const sessionsPath = join(dir, 'sessions.db');

  const first = appOn(sessionsPath);
  const visit = await request(first.app).get('/api/v1/session');
  await first.store.close();
  // The store owned the connection: closing it checkpointed and removed the WAL.
  expect(existsSync(`${sessionsPath}-wal`)).toBe(false);

  const second = appOn(sessionsPath);
  const res = await request(second.app).get('/api/v1/session').set('Cookie', sessionCookie(visit.headers['set-cookie'])!);
  await second.store.close();

  expect(res.body.visits).toBe(2);
});
