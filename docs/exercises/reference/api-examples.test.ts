// Keeps the examples on docs/reference/api.md true. Before the tests, the
// requests of api-examples.ts go one after the other to the app of
// API_LESSON (the later ones use the accounts and the cookies the earlier ones
// made). Each test then compares one exchange with its file in
// docs/reference/api-examples/, a vitest file snapshot. When the lesson
// changes what it answers, the tests fail until you regenerate the files:
//
//   cd docs && pnpm examples        # vitest run --update=all on the example tests
//
// then review the diff of docs/reference/api-examples/ and commit it.
//
// What differs from run to run is replaced by a placeholder (placeholders.ts),
// after a check that it has the expected form: the request id
// (`<request-id>`), the session cookie's value (`<session-cookie>`, and in a
// request `<session-cookie of NAME>`), its expiry (`<now + 7 days>`) and every
// timestamp made during the run (`<timestamp>`).
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request, { type Response } from 'supertest';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  accounts,
  API_LESSON,
  apiExamples,
  config,
  createApiExamplesApp,
  SESSION_COOKIE,
  type AccountName,
  type ApiExample,
  type ApiExamplesApp,
} from './api-examples.ts';
import { examplesShownOn, expectNoStaleExampleFiles } from './example-files.ts';
import { normaliseBody, normaliseSetCookie, requestIdPlaceholder, type Run } from './placeholders.ts';

const examplesDir = fileURLToPath(new URL('../../reference/api-examples/', import.meta.url));
const pagePath = fileURLToPath(new URL('../../reference/api.md', import.meta.url));

interface Exchange {
  example: ApiExample;
  res: Response;
  /** The request's Set-Cookie headers, as sent. */
  setCookies: string[];
}

let examplesApp: ApiExamplesApp;
const exchanges = new Map<string, Exchange>();
/** When the walk ran: a timestamp in a body between its start and finish was made by it. */
const run: Run = { startedAt: 0, finishedAt: 0, sessionMaxAgeMs: config.sessionMaxAgeMs };

beforeAll(async () => {
  examplesApp = createApiExamplesApp();
  run.startedAt = Date.now();
  /** Each account's session cookie, from its last successful login. */
  const cookies = new Map<AccountName, string>();
  for (const example of apiExamples) {
    const agent = request(examplesApp.app);
    let req = {
      GET: () => agent.get(example.path),
      POST: () => agent.post(example.path),
      PATCH: () => agent.patch(example.path),
      DELETE: () => agent.delete(example.path),
    }[example.method]();
    if (example.as !== undefined) {
      const cookie = cookies.get(example.as);
      if (cookie === undefined) throw new Error(`${example.name}: ${example.as} has not logged in before it`);
      req = req.set('Cookie', cookie);
    }
    if (example.body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(example.body));
    const res = await req;
    const setCookies = [res.headers['set-cookie'] as string[] | string | undefined ?? []].flat();
    if (example.path === '/api/v1/auth/login' && res.status === 200) {
      const email = (example.body as { email: string }).email;
      const account = (Object.keys(accounts) as AccountName[]).find((name) => accounts[name].email === email);
      const cookie = setCookies.find((line) => line.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0];
      if (account === undefined || cookie === undefined) throw new Error(`${example.name}: a login without an account or a cookie`);
      cookies.set(account, cookie);
    }
    exchanges.set(example.name, { example, res, setCookies });
  }
  run.finishedAt = Date.now();
});

afterAll(() => {
  examplesApp.close();
});

function exchangeOf(name: string): Exchange {
  const exchange = exchanges.get(name);
  if (exchange === undefined) throw new Error(`no exchange for ${name}`);
  return exchange;
}

function showRequest(example: ApiExample): string {
  const lines = [`${example.method} ${example.path} HTTP/1.1`];
  if (example.body !== undefined) lines.push('Content-Type: application/json');
  if (example.as !== undefined) lines.push(`Cookie: ${SESSION_COOKIE}=<session-cookie of ${example.as}>`);
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
  const cacheControl = header('cache-control');
  if (cacheControl !== undefined) lines.push(`Cache-Control: ${cacheControl}`);
  for (const line of setCookies) lines.push(`Set-Cookie: ${normaliseSetCookie(line, run)}`);
  lines.push(`X-Request-Id: ${requestIdPlaceholder(header('x-request-id'))}`);
  if (res.text === '') return lines.join('\n');
  return `${lines.join('\n')}\n\n${JSON.stringify(normaliseBody(JSON.parse(res.text), run), null, 2)}`;
}

test.for(apiExamples.map((example) => [example.name, example] as const))('%s: the answer matches its file', async ([name, example]) => {
  const exchange = exchangeOf(name);
  const { res } = exchange;
  expect(res.status, res.text).toBe(example.status);
  if (res.status >= 400) {
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toMatchObject({ type: 'about:blank', status: res.status, requestId: res.headers['x-request-id'] });
  }

  const actual = `${showRequest(example)}\n\n${showResponse(exchange)}\n`;
  await expect(actual).toMatchFileSnapshot(join(examplesDir, `${name}.http`));
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

test('docs/reference/api.md names the lesson the examples come from', () => {
  const page = readFileSync(pagePath, 'utf8');
  expect(page, `api.md should describe lessons/${API_LESSON}: update its text`).toContain(`(../lessons/${API_LESSON}.md)`);
  expect(page).toContain(`pnpm dev ${Number(API_LESSON.slice(0, 2))}`);
});
