// The root app, the API sub-app and the web sub-app: who answers what, in
// which format, and what each one does not inherit from the others.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import express from 'express';
import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';
import { createWeb } from '../src/web.ts';
import { approvedAgent, makeApp } from './helpers.ts';

// #region formats
test('a path under /api/v1 that no route matches is a 404 in problem details', async () => {
  const res = await request(makeApp().app).get('/api/v1/nope');

  expect(res.status).toBe(404);
  expect(res.type).toBe('application/problem+json');
  expect(res.body).toMatchObject({ status: 404, detail: 'Cannot GET /api/v1/nope', instance: '/api/v1/nope' });
});

test('a path outside the API that nothing serves is an HTML 404 page with a way back', async () => {
  const res = await request(makeApp().app).get('/nope').set('X-Request-Id', 'page-404-test');

  expect(res.status).toBe(404);
  expect(res.type).toBe('text/html');
  expect(res.text).toContain('<h1>404 Not Found</h1>');
  expect(res.text).toContain('<a href="/">');
  // The id the root app gave the request, for a bug report.
  expect(res.text).toContain('<code>page-404-test</code>');
});

test('an API error stays JSON even when the browser asks for HTML', async () => {
  const res = await request(makeApp().app).get('/api/v1/posts').set('Accept', 'text/html');

  expect(res.status).toBe(401);
  expect(res.type).toBe('application/problem+json');
});
// #endregion formats

test('the web page is served at / as HTML, and its stylesheet as CSS', async () => {
  const { app } = makeApp();

  const page = await request(app).get('/');
  expect(page.status).toBe(200);
  expect(page.type).toBe('text/html');
  expect(page.text).toContain('<script type="module" src="/js/main.js"></script>');

  const css = await request(app).get('/styles.css');
  expect(css.status).toBe(200);
  expect(css.type).toBe('text/css');
});

// #region caching
test('page files may be kept by the browser, but only after asking: no-cache, and a 304 when unchanged', async () => {
  const { app } = makeApp();

  for (const path of ['/', '/styles.css', '/js/main.js']) {
    const first = await request(app).get(path);
    expect(first.status, path).toBe(200);
    expect(first.headers['cache-control'], path).toBe('no-cache');
    expect(first.headers.etag, path).toBeDefined();

    const again = await request(app).get(path).set('If-None-Match', first.headers.etag!);
    expect(again.status, path).toBe(304);
    expect(again.text, path).toBe('');
  }
});
// #endregion caching

test('the page\'s TypeScript reaches the browser as JavaScript, with the types removed', async () => {
  const res = await request(makeApp().app).get('/js/api.js');

  expect(res.status).toBe(200);
  expect(res.type).toBe('text/javascript');
  // A type annotation left in would be a syntax error in the browser.
  expect(res.text).not.toMatch(/\binterface\s+\w+\s*\{/);
  expect(res.text).toMatch(/^export /m);
});

test('only the page\'s own modules are served: no source file, no path outside web/src', async () => {
  const { app } = makeApp();

  for (const path of ['/js/nope.js', '/js/main.ts', '/js/..%2F..%2Fsrc%2Fconfig.js', '/js/Main.js', '/src/main.ts', '/web/src/main.ts', '/package.json', '/tsconfig.json']) {
    const res = await request(app).get(path);
    expect(res.status, path).toBe(404);
    expect(res.type, path).toBe('text/html');
  }
});

test('a file whose name starts with a dot is never served', async () => {
  const webDir = tempWebDir({ 'public/.env': 'SESSION_SECRET=x', 'public/index.html': '<!doctype html>' });
  const res = await request(webOnly({ webDir })).get('/.env');

  expect(res.status).toBe(404);
  expect(res.text).not.toContain('SESSION_SECRET');
});

test('a malformed address gets an HTML 400 page, not a 500', async () => {
  const res = await request(makeApp().app).get('/js/%E0%A4%A.js');

  expect(res.status).toBe(400);
  expect(res.type).toBe('text/html');
  expect(res.text).toContain('400 Bad Request');
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
test('no answer says X-Powered-By: every sub-app turns it off for itself', async () => {
  const { app } = makeApp();

  for (const path of ['/health', '/', '/nope', '/api/v1/ping', '/api/v1/nope']) {
    const res = await request(app).get(path);
    expect(res.headers['x-powered-by'], path).toBeUndefined();
  }
});

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

// #region base-url
test('Location headers are built from req.baseUrl and the API\'s mount path, and still read /api/v1/…', async () => {
  const { app } = makeApp();
  const agent = await approvedAgent(app);

  const post = await agent.post('/api/v1/posts').send({ title: 'Hello', body: 'First post.' }).expect(201);
  expect(post.headers.location).toBe(`/api/v1/posts/${post.body.id}`);

  const reply = await agent.post(`/api/v1/posts/${post.body.id}/replies`).send({ body: 'A reply.' }).expect(201);
  expect(reply.headers.location).toBe(`/api/v1/posts/${post.body.id}/replies`);

  const registered = await request(app).post('/api/v1/auth/register').send({ username: 'lin', email: 'lin@example.com', password: 'quiet lanterns over harbour 5' }).expect(201);
  expect(registered.headers.location).toBe(`/api/v1/users/${registered.body.id}`);
});
// #endregion base-url

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
