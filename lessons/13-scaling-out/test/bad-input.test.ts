// The bad-input corpus: hundreds of hostile requests, generated from
// test/bad-input-corpus.ts, at every endpoint of the authorization matrix and
// at the page. Whatever a request holds, the app answers it: never a 5xx,
// never a hang, never a stack trace, SQL, a password hash or the session
// secret, and every API error in the one problem+json format.
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import { expect, test } from 'vitest';
import { admin, ada, makeApp, sessionCookie } from './helpers.ts';
import { matrix } from './authorization-matrix.ts';
import {
  deepArray,
  deepObject,
  deepTenThousand,
  forgedCookies,
  hostileIds,
  hostilePagePaths,
  hostileQueries,
  hostileStrings,
  hugeJson,
  lookAlikeAccounts,
  malformedJson,
  oddMethods,
  pollution,
  wrongContentTypes,
  wrongTypes,
} from './bad-input-corpus.ts';

/** A secret of the test's own, to look for in every answer. */
const SECRET = 'bad-input-corpus-secret-0123456789abcdef';
/** Rate limits out of the way, so the corpus meets the routes, not just 429s. */
const highLimits = {
  SESSION_SECRET: SECRET,
  API_RATE_LIMIT: '100000',
  LOGIN_RATE_LIMIT: '100000',
  LOGIN_ACCOUNT_RATE_LIMIT: '100000',
  REGISTER_RATE_LIMIT: '100000',
};

type Caller = 'anonymous' | 'pending' | 'admin';

/** One hostile request. */
interface Shot {
  /** The corpus category, for the summary. */
  kind: string;
  /** Which entry of the category, for a failure message. */
  note?: string;
  method: string;
  path: string;
  as?: Caller;
  /** Replaces the caller's Cookie header. */
  cookie?: string;
  headers?: Record<string, string | string[]>;
  /** Raw bytes; `application/json` unless `contentType` says otherwise. */
  body?: string | Buffer;
  /** A value sent as JSON. */
  json?: unknown;
  /** null: no Content-Type at all. */
  contentType?: string | null;
}

interface Answer {
  shot: Shot;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: unknown;
  timedOut: boolean;
  networkError?: string;
}

const STACK = /\bat .+\.(ts|js):\d+/;
const SQL = /SELECT|INSERT|UPDATE|sqlite|SQLITE_/i;

/** Sends one shot; a timeout or a dropped connection is recorded, not thrown. */
async function fire(server: Server, cookies: Record<Caller, string | undefined>, shot: Shot): Promise<Answer> {
  const req = new request.Test(server, shot.method, shot.path).timeout(20_000);
  const cookie = shot.cookie ?? cookies[shot.as ?? 'anonymous'];
  if (cookie !== undefined) req.set('Cookie', cookie);
  for (const [name, value] of Object.entries(shot.headers ?? {})) req.set(name, value as string);
  const raw = shot.json !== undefined ? JSON.stringify(shot.json) : shot.body;
  if (raw !== undefined) {
    const type = shot.contentType === undefined ? 'application/json' : shot.contentType;
    if (type !== null) req.set('Content-Type', type);
    // Bytes, as they are: superagent neither serializes a Buffer nor adds a
    // Content-Type of its own when the serializer is the identity.
    req.serialize((data: unknown) => data as string).send(Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8'));
  }
  try {
    const res = await req;
    return { shot, status: res.status, headers: res.headers, text: res.text ?? '', body: res.body, timedOut: false };
  } catch (error) {
    const err = error as { timeout?: number; code?: string; message: string; response?: { status: number } };
    return { shot, status: 0, headers: {}, text: '', body: undefined, timedOut: err.timeout !== undefined, networkError: `${err.code ?? ''} ${err.message}` };
  }
}

function describeShot({ kind, note, method, path, as = 'anonymous' }: Shot): string {
  return `[${kind}${note === undefined ? '' : `: ${note}`}] ${method} ${path.length > 80 ? `${path.slice(0, 80)}…` : path} as ${as}`;
}

function headerText(headers: Answer['headers']): string {
  return Object.entries(headers).map(([name, value]) => `${name}: ${[value].flat().join(', ')}`).join('\n');
}

test('hundreds of hostile requests: no 5xx, no hang, no leak, every API error in problem+json', async () => {
  const { app, db, errors } = makeApp({ env: highLimits });
  const server = createServer(app);

  // #region setup
  // Accounts once, for the whole corpus: each registration and login hashes
  // a password, which takes a noticeable fraction of a second.
  const register = async (user: typeof ada) => request(server).post('/api/v1/auth/register').send(user).expect(201);
  const login = async (user: typeof ada) =>
    sessionCookie((await request(server).post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200)).headers['set-cookie']);
  const { body: adminUser } = await register(admin);
  const { body: adaUser } = await register(ada);
  const cookies: Record<Caller, string | undefined> = { anonymous: undefined, pending: await login(ada), admin: await login(admin) };
  const { body: post } = await request(server).post('/api/v1/posts').set('Cookie', cookies.admin!).send({ title: 'The first post', body: 'Hello.' }).expect(201);
  const adminSessionId = decodeURIComponent(cookies.admin!.slice('forum.sid='.length)).replace(/^s:/, '').split('.')[0]!;
  // #endregion setup

  const real = (path: string) => path.replace(':id/approve', `${adaUser.id}/approve`).replace('users/:id', `users/${adminUser.id}`).replace(':id', String(post.id));
  const shots: Shot[] = [];
  const writes = matrix.filter((endpoint) => endpoint.method === 'POST' || endpoint.method === 'PATCH');
  /** Who to send a write as: someone who gets past the guards, so the body is what the route sees. */
  const writer = (path: string): Caller => (path.startsWith('/api/v1/auth') ? 'anonymous' : 'admin');

  // #region corpus
  // Every endpoint, and the page, with methods no route has.
  const pagePaths = ['/', '/index.html', '/styles.css', '/favicon.svg', '/js/main.js'];
  for (const path of [...matrix.map((endpoint) => real(endpoint.path)), ...pagePaths]) {
    for (const method of oddMethods) shots.push({ kind: 'odd method', method, path });
  }

  // Every endpoint as each kind of caller, with a body of bad JSON and an
  // unknown query: reads ignore a body, writes must refuse it.
  // A logout with the callers' own cookies would end their sessions; the
  // forged cookies below send it with everything else.
  for (const endpoint of matrix) {
    for (const as of endpoint.path === '/api/v1/auth/logout' ? (['anonymous'] as const) : (['anonymous', 'pending', 'admin'] as const)) {
      shots.push({ kind: 'malformed JSON', method: endpoint.method, path: `${real(endpoint.path)}${endpoint.path.includes('?') ? '&' : '?'}x[]=1&x[y]=2`, as, body: malformedJson['truncated'] });
    }
  }

  // Every write, with every kind of broken body.
  for (const endpoint of writes) {
    const path = real(endpoint.path);
    const as = writer(path);
    for (const body of Object.values(malformedJson)) shots.push({ kind: 'malformed JSON', method: endpoint.method, path, as, body });
    shots.push({ kind: 'malformed JSON', method: endpoint.method, path, as, body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x7d]) });
    for (const contentType of Object.values(wrongContentTypes)) {
      shots.push({ kind: 'wrong Content-Type', method: endpoint.method, path, as, body: '{"title":"Hello","body":"x"}', contentType });
    }
    shots.push({ kind: 'wrong Content-Type', method: endpoint.method, path, as, body: 'not gzip at all', headers: { 'Content-Encoding': 'gzip' } });
    shots.push({ kind: 'wrong Content-Type', method: endpoint.method, path, as, body: '{}', headers: { 'Content-Encoding': 'x-unknown' } });
    shots.push({ kind: 'huge body', method: endpoint.method, path, as, body: hugeJson });
    shots.push({ kind: 'huge body', method: endpoint.method, path, as, body: deepTenThousand });
    shots.push({ kind: 'deep nesting', method: endpoint.method, path, as, body: deepArray });
    shots.push({ kind: 'deep nesting', method: endpoint.method, path, as, body: deepObject });
    // Deep and unfinished: 4,000 open brackets and no closing one.
    shots.push({ kind: 'deep nesting', method: endpoint.method, path, as, body: `{"title":${'['.repeat(4_000)}` });
    for (const body of Object.values(pollution)) shots.push({ kind: 'prototype pollution', method: endpoint.method, path, as, body });
  }

  // Every string field, given every other type.
  const stringFields: Array<{ method: string; path: string; valid: Record<string, string> }> = [
    { method: 'POST', path: '/api/v1/auth/register', valid: { username: 'typed_user', email: 'typed@example.com', password: 'a passphrase nobody guesses' } },
    { method: 'POST', path: '/api/v1/auth/login', valid: { email: ada.email, password: ada.password } },
    { method: 'POST', path: '/api/v1/posts', valid: { title: 'Typed', body: 'Typed body.' } },
    { method: 'PATCH', path: `/api/v1/posts/${post.id}`, valid: { title: 'Typed', body: 'Typed body.' } },
    { method: 'POST', path: `/api/v1/posts/${post.id}/replies`, valid: { body: 'Typed reply.' } },
  ];
  for (const { method, path, valid } of stringFields) {
    for (const field of Object.keys(valid)) {
      for (const value of Object.values(wrongTypes)) {
        shots.push({ kind: 'wrong type', method, path, as: writer(path), json: { ...valid, [field]: value } });
      }
    }
  }

  // Hostile strings in every post and reply field. Many are valid text and
  // create a post: the count is checked against the database at the end.
  for (const value of Object.values(hostileStrings)) {
    shots.push({ kind: 'hostile string', method: 'POST', path: '/api/v1/posts', as: 'admin', json: { title: value.slice(0, 300), body: value } });
    shots.push({ kind: 'hostile string', method: 'POST', path: `/api/v1/posts/${post.id}/replies`, as: 'admin', json: { body: value } });
    shots.push({ kind: 'hostile string', method: 'PATCH', path: `/api/v1/posts/${post.id}`, as: 'admin', json: { title: value.slice(0, 300) } });
    // Hostile strings where an email must be: refused by validation, no password hashed.
    shots.push({ kind: 'hostile string', method: 'POST', path: '/api/v1/auth/login', json: { email: value, password: value || 'x' } });
  }

  // Look-alike accounts. A few are valid and create an account (hashing a
  // password); none may become, or log in as, the admin.
  for (const account of Object.values(lookAlikeAccounts)) {
    shots.push({ kind: 'unicode trick', method: 'POST', path: '/api/v1/auth/register', json: { ...account, password: 'a passphrase nobody guesses' } });
  }
  shots.push({ kind: 'unicode trick', method: 'POST', path: '/api/v1/auth/login', json: { email: 'ADMIN@EXAMPLE.COM', password: 'wrong password' } });
  shots.push({ kind: 'unicode trick', method: 'POST', path: '/api/v1/auth/login', json: { email: '\u0430dmin@example.com', password: admin.password } });
  // Prototype pollution with an otherwise valid registration: a new pending member, nothing more.
  shots.push({ kind: 'prototype pollution', method: 'POST', path: '/api/v1/auth/register', body: '{"username":"proto_user","email":"proto@example.com","password":"a passphrase nobody guesses","__proto__":{"role":"admin","status":"approved"},"role":"admin","status":"approved"}' });
  shots.push({ kind: 'prototype pollution', method: 'POST', path: '/api/v1/posts', as: 'admin', body: '{"title":"proto","body":"x","__proto__":{"id":1},"authorId":999}' });

  // Query arrays, objects and numbers out of range on every list.
  for (const list of ['/api/v1/posts', `/api/v1/posts/${post.id}/replies`, '/api/v1/users']) {
    for (const query of hostileQueries) shots.push({ kind: 'hostile query', method: 'GET', path: `${list}?${query}`, as: 'admin' });
  }
  for (const query of hostileQueries.slice(0, 6)) {
    shots.push({ kind: 'hostile query', method: 'GET', path: `/api/v1/posts?${query}`, as: 'pending' });
    shots.push({ kind: 'hostile query', method: 'GET', path: `/api/v1/session?${query}` });
    shots.push({ kind: 'hostile query', method: 'GET', path: `/?${query}` });
  }

  // Ids that are not positive whole numbers, in every path that takes one.
  const idRoutes: Array<[string, (id: string) => string]> = [
    ['GET', (id) => `/api/v1/users/${id}`],
    ['POST', (id) => `/api/v1/users/${id}/approve`],
    ['GET', (id) => `/api/v1/posts/${id}`],
    ['PATCH', (id) => `/api/v1/posts/${id}`],
    ['DELETE', (id) => `/api/v1/posts/${id}`],
    ['GET', (id) => `/api/v1/posts/${id}/replies`],
    ['POST', (id) => `/api/v1/posts/${id}/replies`],
  ];
  for (const [method, path] of idRoutes) {
    for (const id of hostileIds) {
      const json = method === 'PATCH' ? { title: 'Edited' } : method === 'POST' && path(id).endsWith('/replies') ? { body: 'A reply.' } : undefined;
      shots.push({ kind: 'hostile id', method, path: path(id), as: 'admin', json });
    }
  }
  // Broken encoding and traversal on the page's side, and in the API's own paths.
  for (const path of hostilePagePaths) shots.push({ kind: 'hostile path', method: 'GET', path });
  for (const path of ['/api/v1/%E0%A4%A', '/api/v1/%', '/api/v1/posts%00', '/api/v1/auth/%2e%2e/users', '/api/v1//posts', '/api/v1/posts/']) {
    shots.push({ kind: 'hostile path', method: 'GET', path, as: 'admin' });
  }

  // Forged and garbled cookies, at every endpoint that reads the session.
  for (const [name, cookie] of Object.entries(forgedCookies(adminSessionId))) {
    for (const [method, path] of [['GET', '/api/v1/auth/me'], ['GET', '/api/v1/users'], ['GET', '/api/v1/posts'], ['GET', '/api/v1/session'], ['POST', '/api/v1/auth/logout'], ['GET', '/']] as const) {
      shots.push({ kind: 'forged cookie', note: name, method, path, cookie });
    }
  }

  // Duplicate headers, and long ones within Node's 16 KB limit.
  for (const [method, path, as] of [['GET', '/api/v1/posts', 'admin'], ['POST', '/api/v1/posts', 'admin'], ['GET', '/api/v1/auth/me', 'pending'], ['GET', '/', 'anonymous']] as const) {
    const json = method === 'POST' ? { title: 'Headers', body: 'x' } : undefined;
    shots.push({ kind: 'odd headers', method, path, as, json, headers: { 'X-Request-Id': ['first', 'second'] } });
    shots.push({ kind: 'odd headers', method, path, as, json, headers: { 'X-Request-Id': 'x'.repeat(8_000) } });
    shots.push({ kind: 'odd headers', method, path, as, json, headers: { 'X-Request-Id': '<script>alert(1)</script>' } });
    shots.push({ kind: 'odd headers', method, path, as, json, headers: { 'X-Long': 'y'.repeat(12_000) } });
    shots.push({ kind: 'odd headers', method, path, as, json, headers: { Accept: 'application/json'.repeat(500), 'Accept-Encoding': 'gzip;q=2, br;q=NaN, *;q=-1' } });
    shots.push({ kind: 'odd headers', method, path, as, json, headers: { Origin: ['https://a.example', 'https://b.example'], 'Sec-Fetch-Site': ['same-origin', 'cross-site'] } });
    shots.push({ kind: 'odd headers', method, path, as, json, headers: { 'X-Forwarded-For': '1.2.3.4, <script>, ::1', 'X-Forwarded-Proto': 'gopher', Host: 'evil.example' } });
    shots.push({ kind: 'odd headers', method, path, as, json, headers: { 'If-None-Match': '*', 'If-Modified-Since': 'yesterday', Range: 'bytes=999999-0' } });
  }
  shots.push({ kind: 'odd headers', method: 'POST', path: '/api/v1/posts', as: 'admin', body: '{"title":"a","body":"b"}', contentType: 'application/json', headers: { 'Content-Type': ['application/json', 'text/plain'] } });

  // Writes another site's page would send: refused before anything else.
  for (const endpoint of matrix.filter((endpoint) => endpoint.method !== 'GET')) {
    shots.push({ kind: 'cross-site write', method: endpoint.method, path: real(endpoint.path), as: 'admin', json: { title: 'x', body: 'y' }, headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' } });
  }
  shots.push({ kind: 'cross-site write', method: 'POST', path: '/api/v1/posts', as: 'admin', json: { title: 'x', body: 'y' }, headers: { Origin: 'null' } });
  shots.push({ kind: 'cross-site write', method: 'POST', path: '/api/v1/posts', as: 'admin', json: { title: 'x', body: 'y' }, headers: { 'Sec-Fetch-Site': 'same-site' } });
  // #endregion corpus

  // #region send
  const answers: Answer[] = [];
  const started = Date.now();
  for (const shot of shots) answers.push(await fire(server, cookies, shot));
  const seconds = (Date.now() - started) / 1000;
  // #endregion send

  const histogram = new Map<number, number>();
  for (const { status } of answers) histogram.set(status, (histogram.get(status) ?? 0) + 1);
  const kinds = new Map<string, number>();
  for (const { shot } of answers) kinds.set(shot.kind, (kinds.get(shot.kind) ?? 0) + 1);
  console.log(
    `bad-input corpus: ${answers.length} requests in ${seconds.toFixed(1)} s\n` +
      `  statuses: ${[...histogram].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(', ')}\n` +
      `  kinds: ${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
  );

  // #region assertions
  expect(answers.length).toBeGreaterThanOrEqual(300);
  expect(answers.filter((answer) => answer.timedOut).map((answer) => describeShot(answer.shot))).toEqual([]);
  expect(answers.filter((answer) => answer.networkError !== undefined).map((answer) => `${describeShot(answer.shot)}: ${answer.networkError}`)).toEqual([]);
  expect(answers.filter((answer) => answer.status >= 500).map((answer) => `${describeShot(answer.shot)} → ${answer.status} ${answer.text.slice(0, 200)}`)).toEqual([]);

  const leaks: string[] = [];
  for (const answer of answers) {
    const headers = headerText(answer.headers);
    const everything = `${headers}\n${answer.text}`;
    const where = `${describeShot(answer.shot)} → ${answer.status}`;
    if (STACK.test(everything)) leaks.push(`${where}: stack trace`);
    if (everything.includes('node_modules')) leaks.push(`${where}: node_modules`);
    if (everything.includes('scrypt$')) leaks.push(`${where}: password hash`);
    if (everything.includes(SECRET)) leaks.push(`${where}: session secret`);
    // Error answers only: a post echoes its own title, and a hostile title
    // may hold any word. The path in `instance` is the client's own input.
    if (answer.shot.path.startsWith('/api/') && answer.status >= 400) {
      const { instance: _instance, ...rest } = (answer.body ?? {}) as Record<string, unknown>;
      if (SQL.test(`${headers}\n${JSON.stringify(rest)}`)) leaks.push(`${where}: SQL`);
    }
  }
  expect(leaks).toEqual([]);

  // Node refuses a method it does not know before the app sees the request.
  const byNode = (answer: Answer) => answer.shot.method === 'FOO';
  const misformatted: string[] = [];
  let checked = 0;
  for (const answer of answers) {
    if (answer.status < 400 || byNode(answer) || answer.shot.method === 'HEAD') continue;
    checked += 1;
    const where = `${describeShot(answer.shot)} → ${answer.status}`;
    const type = String(answer.headers['content-type'] ?? '');
    if (/^\/api\/v1([/?#]|$)/.test(answer.shot.path)) {
      const body = JSON.parse(answer.text) as Record<string, unknown>;
      const wellFormed =
        type.startsWith('application/problem+json') &&
        body.type === 'about:blank' &&
        typeof body.title === 'string' &&
        body.status === answer.status &&
        typeof body.detail === 'string' &&
        typeof body.instance === 'string' &&
        typeof body.requestId === 'string' &&
        /^[0-9a-f-]{36}$/.test(body.requestId) &&
        body.requestId === answer.headers['x-request-id'];
      if (!wellFormed) misformatted.push(`${where}: ${type} ${answer.text.slice(0, 200)}`);
    } else if (!type.startsWith('text/html')) {
      misformatted.push(`${where}: ${type}`);
    }
  }
  expect(misformatted).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(300);
  // #endregion assertions

  // What the categories must answer, beyond "not a 5xx".
  const statusesOf = (kind: string, filter: (answer: Answer) => boolean = () => true) =>
    new Set(answers.filter((answer) => answer.shot.kind === kind && filter(answer)).map((answer) => answer.status));
  expect(statusesOf('huge body')).toEqual(new Set([413]));
  expect(statusesOf('cross-site write')).toEqual(new Set([403]));
  expect(statusesOf('odd method', byNode)).toEqual(new Set([400]));
  expect(statusesOf('hostile id', (answer) => !answer.shot.path.includes('999999999999999'))).toEqual(new Set([400]));
  expect(statusesOf('hostile query', (answer) => answer.shot.as === 'admin' && ![200, 400].includes(answer.status))).toEqual(new Set());
  expect(statusesOf('forged cookie', (answer) => answer.shot.path === '/api/v1/auth/me')).toEqual(new Set([401]));
  expect(statusesOf('forged cookie', (answer) => answer.shot.path === '/api/v1/users')).toEqual(new Set([401]));
  expect(answers.filter((answer) => /package\.json|\.env|\.git|src/.test(answer.shot.path) && answer.status < 400).map((answer) => describeShot(answer.shot))).toEqual([]);

  // Nothing was logged as a server error: 4xx input is the client's.
  expect(errors).toEqual([]);

  // #region consistency
  // The database holds what the successful requests made, and nothing else.
  const created = (method: string, path: RegExp) =>
    answers.filter((answer) => answer.shot.method === method && path.test(answer.shot.path) && answer.status === 201).length;
  const deleted = answers.filter((answer) => answer.shot.method === 'DELETE' && answer.status === 204).length;
  expect(deleted).toBe(0);
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  expect(count('SELECT count(*) FROM users')).toBe(2 + created('POST', /^\/api\/v1\/auth\/register/));
  expect(count('SELECT count(*) FROM posts')).toBe(1 + created('POST', /^\/api\/v1\/posts(\?|$)/));
  expect(count('SELECT count(*) FROM replies')).toBe(created('POST', /^\/api\/v1\/posts\/\d+\/replies/));
  expect(count('SELECT reply_count FROM posts WHERE id = ' + Number(post.id))).toBe(created('POST', new RegExp(`^/api/v1/posts/${post.id}/replies`)));
  // One admin, the one of ADMIN_EMAIL. Ada is approved if one of the admin's
  // approvals got through (a body the route ignores is no reason to refuse);
  // every other account is a pending member, whatever its body claimed.
  const adaApproved = answers.some((answer) => answer.shot.path.startsWith(`/api/v1/users/${adaUser.id}/approve`) && answer.status === 200);
  expect(db.prepare("SELECT email FROM users WHERE role = 'admin'").pluck().all()).toEqual([admin.email]);
  expect(db.prepare("SELECT email FROM users WHERE status = 'approved' ORDER BY id").pluck().all()).toEqual(adaApproved ? [admin.email, ada.email] : [admin.email]);
  expect(db.prepare("SELECT status, role FROM users WHERE username = 'proto_user'").get()).toEqual({ status: 'pending', role: 'member' });
  expect(Object.prototype).not.toHaveProperty('admin');
  expect(Object.prototype).not.toHaveProperty('role');
  expect(({} as Record<string, unknown>).status).toBeUndefined();
  // The forged cookies, logouts included, did not end the real sessions.
  await request(server).get('/api/v1/auth/me').set('Cookie', cookies.admin!).expect(200);
  await request(server).get('/api/v1/auth/me').set('Cookie', cookies.pending!).expect(200);
  // #endregion consistency
}, 120_000);

test('at the default limits, 429s are problem details with RateLimit and Retry-After headers', async () => {
  const { app, errors } = makeApp();
  const server = createServer(app);
  const answers: request.Response[] = [];
  // 30 login attempts per address, then 429; wrong types fail validation
  // after the limiter has counted them, without hashing anything.
  for (let i = 0; i < 32; i += 1) answers.push(await request(server).post('/api/v1/auth/login').send({ email: i, password: [i] }).timeout(20_000));
  // 10 registrations per address, the same way.
  for (let i = 0; i < 12; i += 1) answers.push(await request(server).post('/api/v1/auth/register').send({ username: null }).timeout(20_000));

  expect(answers.map((res) => res.status)).toEqual([...Array(30).fill(400), 429, 429, ...Array(10).fill(400), 429, 429]);
  for (const res of answers.filter((answer) => answer.status === 429)) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: expect.stringMatching(/^Too many (login attempts|accounts registered) from this address/),
      instance: expect.stringMatching(/^\/api\/v1\/auth\/(login|register)$/),
      requestId: res.headers['x-request-id'],
    });
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.headers.ratelimit).toMatch(/"(login|register)"; r=0; t=\d+/);
    expect(res.headers['ratelimit-policy']).toBeDefined();
  }
  expect(errors).toEqual([]);
});
