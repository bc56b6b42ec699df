// Keeps the examples on docs/reference/api.md true. Before the tests, the
// requests of api-examples.ts go one after the other to lesson 07's app (the
// later ones use the account and the cookie the earlier ones made). Each test
// then compares one exchange with its file in docs/reference/api-examples/.
// When lesson 07 changes what it answers, the tests fail until you regenerate
// the files:
//
//   cd docs && UPDATE_EXAMPLES=1 pnpm vitest run exercises/reference
//
// then review the diff of docs/reference/api-examples/ and commit it.
//
// What differs from run to run is replaced by a placeholder, after a check
// that it has the expected form: the request id (`<request-id>`), the session
// cookie's value (`<session-cookie>`), its expiry (`<now + 7 days>`) and every
// timestamp made during the run (`<timestamp>`).
import { STATUS_CODES } from 'node:http';
import { fileURLToPath } from 'node:url';
import request, { type Response } from 'supertest';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../../../lessons/07-authentication/src/session.ts';
import { apiExamples, config, createApiExamplesApp, type ApiExample, type ApiExamplesApp } from './api-examples.ts';
import { examplesShownOn, expectExampleFile, expectNoStaleExampleFiles } from './example-files.ts';

const examplesDir = fileURLToPath(new URL('../../reference/api-examples/', import.meta.url));
const pagePath = fileURLToPath(new URL('../../reference/api.md', import.meta.url));

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
// express-session's cookie value: `s:` (URL-encoded), the session id, a dot and its signature.
const signedSessionId = /^s%3A[\w-]+\.[\w%+/=-]+$/;
const day = 24 * 60 * 60 * 1000;
const expiresLabel = config.sessionMaxAgeMs % day === 0 ? `<now + ${config.sessionMaxAgeMs / day} days>` : `<now + ${config.sessionMaxAgeMs} ms>`;

interface Exchange {
  example: ApiExample;
  res: Response;
  /** The request's Set-Cookie headers, as sent. */
  setCookies: string[];
}

let examplesApp: ApiExamplesApp;
const exchanges = new Map<string, Exchange>();
/** When the walk ran: a timestamp in a body between these two was made by it. */
let startedAt = 0;
let finishedAt = 0;

beforeAll(async () => {
  examplesApp = createApiExamplesApp();
  startedAt = Date.now();
  let cookie: string | undefined;
  for (const example of apiExamples) {
    let req = example.method === 'GET' ? request(examplesApp.app).get(example.path) : request(examplesApp.app).post(example.path);
    if (example.loggedIn) {
      if (cookie === undefined) throw new Error(`${example.name}: no login before it set a session cookie`);
      req = req.set('Cookie', cookie);
    }
    if (example.body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(example.body));
    const res = await req;
    const setCookies = [res.headers['set-cookie'] as string[] | string | undefined ?? []].flat();
    if (example.name === 'login' && res.status === 200) cookie = setCookies.find((line) => line.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0];
    exchanges.set(example.name, { example, res, setCookies });
  }
  finishedAt = Date.now();
});

afterAll(() => {
  examplesApp.close();
});

function exchangeOf(name: string): Exchange {
  const exchange = exchanges.get(name);
  if (exchange === undefined) throw new Error(`no exchange for ${name}`);
  return exchange;
}

function madeDuringRun(value: string): boolean {
  const time = Date.parse(value);
  return isoTimestamp.test(value) && time >= startedAt - 1000 && time <= finishedAt + 1000;
}

/** The body with every timestamp the run made, and the request id, replaced by placeholders. */
function normaliseBody(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    if (key === 'requestId') {
      expect(value).toMatch(uuid);
      return '<request-id>';
    }
    return madeDuringRun(value) ? '<timestamp>' : value;
  }
  if (Array.isArray(value)) return value.map((item) => normaliseBody(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, normaliseBody(item, name)]));
  }
  return value;
}

/** `forum.sid=<session-cookie>; Path=/; Expires=<now + 7 days>; HttpOnly; SameSite=Lax`; a cleared cookie stays as it is. */
function normaliseSetCookie(line: string): string {
  return line
    .split('; ')
    .map((part, index) => {
      if (index === 0) {
        const [name, value = ''] = part.split(/=(.*)/s);
        if (value === '') return part;
        expect(value).toMatch(signedSessionId);
        return `${name}=<session-cookie>`;
      }
      if (part.startsWith('Expires=')) {
        const expires = Date.parse(part.slice('Expires='.length));
        if (expires === 0) return part;
        // The header has whole seconds; allow for the rounding down.
        expect(expires).toBeGreaterThanOrEqual(startedAt + config.sessionMaxAgeMs - 1000);
        expect(expires).toBeLessThanOrEqual(finishedAt + config.sessionMaxAgeMs);
        return `Expires=${expiresLabel}`;
      }
      return part;
    })
    .join('; ');
}

function showRequest(example: ApiExample): string {
  const lines = [`${example.method} ${example.path} HTTP/1.1`];
  if (example.body !== undefined) lines.push('Content-Type: application/json');
  if (example.loggedIn) lines.push(`Cookie: ${SESSION_COOKIE}=<session-cookie>`);
  return example.body === undefined ? lines.join('\n') : `${lines.join('\n')}\n\n${JSON.stringify(example.body)}`;
}

// The app sends compact JSON; the file indents it so that a person can read
// it. Key order is the order the app wrote.
function showResponse({ res, setCookies }: Exchange): string {
  const lines = [`HTTP/1.1 ${res.status} ${STATUS_CODES[res.status] ?? ''}`];
  const header = (name: string): string | undefined => res.headers[name] as string | undefined;
  const contentType = header('content-type');
  if (contentType !== undefined) lines.push(`Content-Type: ${contentType}`);
  const location = header('location');
  if (location !== undefined) lines.push(`Location: ${location}`);
  for (const line of setCookies) lines.push(`Set-Cookie: ${normaliseSetCookie(line)}`);
  const id = header('x-request-id');
  expect(id).toMatch(uuid);
  lines.push('X-Request-Id: <request-id>');
  if (res.text === '') return lines.join('\n');
  return `${lines.join('\n')}\n\n${JSON.stringify(normaliseBody(JSON.parse(res.text)), null, 2)}`;
}

test.for(apiExamples.map((example) => [example.name, example] as const))('%s: the answer matches its file', ([name, example]) => {
  const exchange = exchangeOf(name);
  const { res } = exchange;
  expect(res.status, res.text).toBe(example.status);
  if (res.status >= 400) {
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toMatchObject({ type: 'about:blank', status: res.status, requestId: res.headers['x-request-id'] });
  }

  const actual = `${showRequest(example)}\n\n${showResponse(exchange)}\n`;
  expectExampleFile(examplesDir, name, actual);
});

test('no answer contains a password or a password hash', () => {
  const hashes = examplesApp.db.prepare<[], string>('SELECT password_hash FROM users WHERE password_hash IS NOT NULL').pluck().all();
  expect(hashes.length).toBeGreaterThan(0);
  // The whole hash, and its salt and key on their own (scrypt$N$r$p$salt$key).
  const secrets = hashes.flatMap((hash) => [hash, ...hash.split('$').slice(4)]);
  for (const { body } of apiExamples) {
    const password = (body as { password?: unknown } | undefined)?.password;
    // Long enough that it cannot be part of an ordinary message by chance.
    if (typeof password === 'string' && password.length >= 8) secrets.push(password);
  }
  expect(secrets.length).toBeGreaterThan(hashes.length);

  for (const { example, res, setCookies } of exchanges.values()) {
    const answer = `${JSON.stringify(res.headers)}\n${setCookies.join('\n')}\n${res.text}`;
    for (const secret of secrets) expect(answer, `${example.name} leaks a secret`).not.toContain(secret);
    expect(res.text, example.name).not.toMatch(/scrypt\$|"password(?:Hash|_hash)?"\s*:/i);
  }
});

test('the walk logged no server error and wrote nothing to the console', () => {
  expect(examplesApp.logged.errors).toEqual([]);
  // The request logger wrote one line per request, into the array.
  expect(examplesApp.logged.requests).toHaveLength(apiExamples.length);
});

test('docs/reference/api-examples holds no file without an example', () => {
  expectNoStaleExampleFiles(examplesDir, apiExamples.map((example) => example.name));
});

test('docs/reference/api.md shows every example', () => {
  expect(examplesShownOn(pagePath, 'api-examples').toSorted()).toEqual(apiExamples.map((example) => example.name).toSorted());
});
