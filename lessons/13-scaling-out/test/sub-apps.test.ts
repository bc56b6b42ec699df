// The root app, the API sub-app and the web sub-app: who answers what, in
// which format, and what each one does not inherit from the others.
// ../11-production/test/api/sub-apps.test.ts has what a client sees; these tests build apps of
// their own, serve a web folder of their own, or read the log and the store.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import express from 'express';
import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';
import { createWeb } from '../src/web.ts';
import { approvedAgent, makeApp } from './helpers.ts';

test('a file whose name starts with a dot is never served', async () => {
  const webDir = tempWebDir({ 'public/.env': 'SESSION_SECRET=x', 'public/index.html': '<!doctype html>' });
  const res = await request(webOnly({ webDir })).get('/.env');

  expect(res.status).toBe(404);
  expect(res.text).not.toContain('SESSION_SECRET');
});

test('a page module that does not compile is a 500 page that hides the error and logs it', async () => {
  const webDir = tempWebDir({ 'public/index.html': '<!doctype html>', 'src/main.ts': 'export const broken = ;' });
  const errors: ErrorLogEntry[] = [];
  const res = await request(webOnly({ webDir, logError: (entry) => errors.push(entry) })).get('/js/main.js');

  expect(res.status).toBe(500);
  expect(res.type).toBe('text/html');
  expect(res.text).toContain('Something went wrong on our side.');
  expect(res.text).not.toMatch(/Expected|main\.ts:1/);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ status: 500, method: 'GET', path: '/js/main.js' });
});

test('an edited page module is served anew without a restart', async () => {
  const webDir = tempWebDir({ 'public/index.html': '<!doctype html>', 'src/main.ts': 'export const version: number = 1;' });
  const web = webOnly({ webDir });
  expect((await request(web).get('/js/main.js')).text).toContain('version = 1');

  // A later modification time, as an editor's save gives, without waiting for the clock.
  writeFileSync(join(webDir, 'src/main.ts'), 'export const version: number = 2;');
  utimesSync(join(webDir, 'src/main.ts'), new Date(2030, 0, 1), new Date(2030, 0, 1));
  expect((await request(web).get('/js/main.js')).text).toContain('version = 2');
});

// #region not-inherited
test('a sub-app left alone would say X-Powered-By, whatever the app that mounts it says', async () => {
  const root = express();
  root.disable('x-powered-by');
  const sub = express();
  sub.get('/', (_req, res) => res.send('hi'));
  root.use('/sub', sub);

  const res = await request(root).get('/sub');
  expect(res.headers['x-powered-by']).toBe('Express');
});
test('a setting the sub-app never set is read from the app that mounts it: trust proxy, for one', async () => {
  const root = express();
  root.set('trust proxy', 1);
  root.set('forum name', 'Lessons');
  const sub = express();
  sub.get('/', (req, res) => res.json({ ip: req.ip, protocol: req.protocol, name: req.app.get('forum name') }));
  root.use('/sub', sub);

  const res = await request(root).get('/sub').set('X-Forwarded-For', '203.0.113.9').set('X-Forwarded-Proto', 'https');
  expect(res.body).toEqual({ ip: '203.0.113.9', protocol: 'https', name: 'Lessons' });
});
// #endregion not-inherited

// #region one-log
test('the root app logs every request once, the API\'s and the page\'s', async () => {
  const { app, requests } = makeApp();

  await request(app).get('/');
  await request(app).get('/api/v1/ping');
  await request(app).get('/nope');

  expect(requests.map((entry) => entry.msg)).toEqual(['GET / 200', 'GET /api/v1/ping 200', 'GET /nope 404']);
});
// #endregion one-log

test('the page\'s files never load a session: no store read, no cookie set', async () => {
  const { app, store } = makeApp();
  const agent = await approvedAgent(app);
  const get = vi.spyOn(store, 'get');

  const res = await agent.get('/styles.css');
  expect(res.status).toBe(200);
  expect(res.headers['set-cookie']).toBeUndefined();
  expect(get).not.toHaveBeenCalled();

  // The API does read it, with the same cookie.
  await agent.get('/api/v1/auth/me').expect(200);
  expect(get).toHaveBeenCalled();
});

/** The web sub-app alone, on a folder of the test's own. */
function webOnly(deps: Omit<Parameters<typeof createWeb>[0], 'config'>) {
  return createWeb({ config: { nodeEnv: 'test' }, logError: () => {}, ...deps });
}

/** A web/ folder with the given files, removed when the test ends. */
function tempWebDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'forum-web-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
