// What production adds to every answer: security headers, compression,
// CORS for the allowed origins only, and Secure cookies behind a TLS proxy.
import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { ada, approvedAgent } from './helpers.ts';

// #region csp-test
test('every answer carries a Content-Security-Policy that allows only the site itself', async () => {
  const { app } = makeApi();

  for (const path of ['/', '/api/v1/ping', '/nope']) {
    const csp = (await request(app).get(path)).headers['content-security-policy'];
    expect(csp, path).toContain("default-src 'self'");
    expect(csp, path).toContain("script-src 'self'");
    expect(csp, path).toContain("style-src 'self'");
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).not.toContain('unsafe-inline');
    expect(csp, path).not.toContain('unsafe-eval');
  }
});
// #endregion csp-test

test('helmet\'s other headers: no sniffing, no framing, no referrer to other sites', async () => {
  const res = await request(makeApi().app).get('/');

  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-powered-by']).toBeUndefined();
});

test('HSTS only in production: on http://localhost it would pin the browser to HTTPS', async () => {
  const development = await request(makeApi().app).get('/health');
  expect(development.headers['strict-transport-security']).toBeUndefined();

  const production = await request(makeApi({ NODE_ENV: 'production', SESSION_SECRET: 'p'.repeat(40) }).app).get('/health');
  expect(production.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  expect(production.headers['content-security-policy']).toContain('upgrade-insecure-requests');
});

// #region compression-test
test('answers of a kilobyte or more are compressed when the client accepts gzip', async () => {
  const { app } = makeApi();

  const script = await request(app).get('/js/posts-views.js').set('Accept-Encoding', 'gzip');
  expect(script.status).toBe(200);
  expect(script.headers['content-encoding']).toBe('gzip');
  expect(script.headers.vary).toMatch(/Accept-Encoding/i);

  // Small answers are sent as they are: compressing them costs more than it saves.
  const small = await request(app).get('/health').set('Accept-Encoding', 'gzip');
  expect(small.headers['content-encoding']).toBeUndefined();
});
// #endregion compression-test

// #region cors-test
test('an allowed origin may call the API with credentials; another origin gets no CORS headers', async () => {
  const { app } = makeApi({ CORS_ORIGINS: 'https://app.example.com' });

  const allowed = await request(app).get('/api/v1/ping').set('Origin', 'https://app.example.com');
  expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
  expect(allowed.headers['access-control-allow-credentials']).toBe('true');
  expect(allowed.headers.vary).toMatch(/Origin/);

  const other = await request(app).get('/api/v1/ping').set('Origin', 'https://evil.example');
  expect(other.headers['access-control-allow-origin']).toBeUndefined();
});

test('a preflight from an allowed origin is answered 204 with the methods and headers it may use', async () => {
  const { app } = makeApi({ CORS_ORIGINS: 'https://app.example.com' });

  const res = await request(app)
    .options('/api/v1/posts')
    .set('Origin', 'https://app.example.com')
    .set('Access-Control-Request-Method', 'POST')
    .set('Access-Control-Request-Headers', 'content-type');

  expect(res.status).toBe(204);
  expect(res.headers['access-control-allow-methods']).toBe('GET,POST,PATCH,DELETE');
  expect(res.headers['access-control-allow-headers']).toBe('Content-Type,X-Request-Id');
  expect(res.headers['access-control-max-age']).toBe('600');
});

test('without CORS_ORIGINS, no origin gets CORS headers: the forum\'s own page needs none', async () => {
  const res = await request(makeApi().app).get('/api/v1/ping').set('Origin', 'https://app.example.com');

  expect(res.headers['access-control-allow-origin']).toBeUndefined();
});
// #endregion cors-test

// #region secure-cookie-test
test('behind a trusted TLS proxy, the session cookie is Secure; a forged X-Forwarded-Proto is ignored', async () => {
  const production = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) };
  const login = { email: ada.email, password: ada.password };

  // TRUST_PROXY=1: one proxy in front, which ends TLS and says so.
  const behindProxy = makeApi({ ...production, TRUST_PROXY: '1' }).app;
  await request(behindProxy).post('/api/v1/auth/register').send(ada).expect(201);
  const secure = await request(behindProxy).post('/api/v1/auth/login').set('X-Forwarded-Proto', 'https').send(login).expect(200);
  const cookie = [secure.headers['set-cookie']].flat()[0]!;
  expect(cookie).toMatch(/^forum\.sid=/);
  expect(cookie).toMatch(/; Secure/);
  expect(cookie).toMatch(/; HttpOnly/);
  expect(cookie).toMatch(/; SameSite=Lax/);

  // No trusted proxy: the header could come from anyone, so the request is
  // plain HTTP, and express-session sets no Secure cookie over it.
  const direct = makeApi(production).app;
  await request(direct).post('/api/v1/auth/register').send(ada).expect(201);
  const forged = await request(direct).post('/api/v1/auth/login').set('X-Forwarded-Proto', 'https').send(login).expect(200);
  expect(forged.headers['set-cookie']).toBeUndefined();
});
// #endregion secure-cookie-test

// #region body-limit-test
test('a JSON body over 10 KB is refused with 413 before it is parsed', async () => {
  const agent = await approvedAgent(makeApi().app);

  const res = await agent.post('/api/v1/posts').send({ title: 'Big', body: 'x'.repeat(11 * 1024) });

  expect(res.status).toBe(413);
  expect(res.type).toBe('application/problem+json');
});
// #endregion body-limit-test
