// The root app, the API sub-app and the web sub-app, as a client sees them:
// who answers what, in which format, and with which headers.
import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { approvedAgent } from './helpers.ts';

// #region formats
test('a path under /api/v1 that no route matches is a 404 in problem details', async () => {
  const res = await request(makeApi().app).get('/api/v1/nope');

  expect(res.status).toBe(404);
  expect(res.type).toBe('application/problem+json');
  expect(res.body).toMatchObject({ status: 404, detail: 'Cannot GET /api/v1/nope', instance: '/api/v1/nope' });
});

test('a path outside the API that nothing serves is an HTML 404 page with a way back', async () => {
  const res = await request(makeApi().app).get('/nope').set('X-Request-Id', 'page-404-test');

  expect(res.status).toBe(404);
  expect(res.type).toBe('text/html');
  expect(res.text).toContain('<h1>404 Not Found</h1>');
  expect(res.text).toContain('<a href="/">');
  // The id the root app gave the request, for a bug report.
  expect(res.text).toContain('<code>page-404-test</code>');
});

test('an API error stays JSON even when the browser asks for HTML', async () => {
  const res = await request(makeApi().app).get('/api/v1/posts').set('Accept', 'text/html');

  expect(res.status).toBe(401);
  expect(res.type).toBe('application/problem+json');
});
// #endregion formats

test('the web page is served at / as HTML, and its stylesheet as CSS', async () => {
  const { app } = makeApi();

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
  const { app } = makeApi();

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
  const res = await request(makeApi().app).get('/js/api.js');

  expect(res.status).toBe(200);
  expect(res.type).toBe('text/javascript');
  // A type annotation left in would be a syntax error in the browser.
  expect(res.text).not.toMatch(/\binterface\s+\w+\s*\{/);
  expect(res.text).toMatch(/^export /m);
});

test('only the page\'s own modules are served: no source file, no path outside web/src', async () => {
  const { app } = makeApi();

  for (const path of ['/js/nope.js', '/js/main.ts', '/js/..%2F..%2Fsrc%2Fconfig.js', '/js/Main.js', '/src/main.ts', '/web/src/main.ts', '/package.json', '/tsconfig.json']) {
    const res = await request(app).get(path);
    expect(res.status, path).toBe(404);
    expect(res.type, path).toBe('text/html');
  }
});

test('a malformed address gets an HTML 400 page, not a 500', async () => {
  const res = await request(makeApi().app).get('/js/%E0%A4%A.js');

  expect(res.status).toBe(400);
  expect(res.type).toBe('text/html');
  expect(res.text).toContain('400 Bad Request');
});

test('no answer says X-Powered-By: every sub-app turns it off for itself', async () => {
  const { app } = makeApi();

  for (const path of ['/health', '/', '/nope', '/api/v1/ping', '/api/v1/nope']) {
    const res = await request(app).get(path);
    expect(res.headers['x-powered-by'], path).toBeUndefined();
  }
});

// #region base-url
test('Location headers are built from req.baseUrl and the API\'s mount path, and still read /api/v1/…', async () => {
  const { app } = makeApi();
  const agent = await approvedAgent(app);

  const post = await agent.post('/api/v1/posts').send({ title: 'Hello', body: 'First post.' }).expect(201);
  expect(post.headers.location).toBe(`/api/v1/posts/${post.body.id}`);

  const reply = await agent.post(`/api/v1/posts/${post.body.id}/replies`).send({ body: 'A reply.' }).expect(201);
  expect(reply.headers.location).toBe(`/api/v1/posts/${post.body.id}/replies`);

  const registered = await request(app).post('/api/v1/auth/register').send({ username: 'lin', email: 'lin@example.com', password: 'quiet lanterns over harbour 5' }).expect(201);
  expect(registered.headers.location).toBe(`/api/v1/users/${registered.body.id}`);
});
// #endregion base-url
