// Keeps lessons/09-forum-posts/walkthrough.txt true, as
// lesson-07-walkthrough.test.ts does for lesson 07. That transcript, shown on
// docs/lessons/09-forum-posts.md, lists curl commands to run against
// `ADMIN_EMAIL=admin@example.com pnpm dev 9` and what each one answers: a
// member registers and is turned away while pending, the admin approves her,
// she writes posts, the admin replies, and she lists both. This test sends
// the same requests, in the same order, to lesson 09's createApp(), built as
// src/server.ts builds it (the defaults, ADMIN_EMAIL, a database file, the
// SQLite session store on it). It keeps a cookie jar per file name, as curl's
// -b and -c do, writes the commands and the answers in the transcript's
// format, and compares them with the file, a vitest file snapshot. When
// lesson 09 changes what it answers, the test fails until you regenerate the
// file:
//
//   cd docs && pnpm examples        # vitest run --update=all on the example tests
//
// then review the diff of walkthrough.txt and commit it. The lesson's
// scripts/walkthrough.sh runs the transcript's commands with curl against a
// real server and compares its answers with the same file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import { SQLiteStore } from '@forum-lessons/session-store';
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../../lessons/09-forum-posts/src/app.ts';
import { loadConfig } from '../../lessons/09-forum-posts/src/config.ts';
import { openDatabase } from '../../lessons/09-forum-posts/src/db.ts';
import { readNoticeFile } from '../../lessons/09-forum-posts/src/notice.ts';
import type { Run } from '../exercises/reference/placeholders.ts';
import { curlCommand, showAnswer, storeCookie, type Jar } from './curl-transcript.ts';

const lessonDir = fileURLToPath(new URL('../../lessons/09-forum-posts/', import.meta.url));
const transcriptPath = join(lessonDir, 'walkthrough.txt');

/** Ada's cookie jar, and the admin's: two browsers, as it were. */
const jar = 'cookies.txt';
const adminJar = 'admin-cookies.txt';

const ada = { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple' };
/** The account of ADMIN_EMAIL. */
const admin = { username: 'admin', email: 'admin@example.com', password: 'a long phrase only I know 42' };

const header = [
  '# Lesson 09 walkthrough. From the repository root, start lesson 09 on a database',
  '# of its own, with the email of the first admin (delete walkthrough.db in the',
  '# lesson folder to start again):',
  '#',
  '#   ADMIN_EMAIL=admin@example.com DATABASE_PATH=walkthrough.db pnpm dev 9',
  '#',
  '# Then run the commands below in a second terminal, in an empty folder of your',
  '# own (cd "$(mktemp -d)"). curl keeps two cookie jars there, as two browsers',
  '# would keep their cookies: cookies.txt for Ada, admin-cookies.txt for the admin.',
  '# Each answer shows the status line and the Location, Set-Cookie, Cache-Control',
  '# and Content-Type headers; curl -i prints the others too. <…> marks what',
  '# changes from run to run.',
];

// #region steps
/** One curl command, and the status its answer must have. */
interface Step {
  title: string;
  method: 'GET' | 'POST';
  path: string;
  body?: object;
  /** cookies.txt unless the step names the admin's jar. */
  jar?: string;
  status: number;
}

/** In the order they run. */
const steps: readonly Step[] = [
  { title: 'Register Ada: 201, a pending member', method: 'POST', path: '/api/v1/auth/register', body: ada, status: 201 },
  { title: 'The posts, before logging in: 401', method: 'GET', path: '/api/v1/posts', status: 401 },
  {
    title: 'Log in as Ada: 200 and a session cookie, which curl keeps in cookies.txt',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: { email: ada.email, password: ada.password },
    status: 200,
  },
  { title: 'The posts, logged in but pending: 403', method: 'GET', path: '/api/v1/posts', status: 403 },
  {
    title: 'Register the admin, the account of ADMIN_EMAIL: 201, approved at once',
    method: 'POST',
    path: '/api/v1/auth/register',
    body: admin,
    jar: adminJar,
    status: 201,
  },
  {
    title: 'Log in as the admin, in the second cookie jar',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: { email: admin.email, password: admin.password },
    jar: adminJar,
    status: 200,
  },
  { title: 'The accounts that wait for approval: Ada', method: 'GET', path: '/api/v1/users?status=pending', jar: adminJar, status: 200 },
  { title: "Approve Ada's account: 200", method: 'POST', path: '/api/v1/users/1/approve', jar: adminJar, status: 200 },
  {
    title: 'The posts again, with the same cookie: 200, and an empty forum is page 1 of 1',
    method: 'GET',
    path: '/api/v1/posts',
    status: 200,
  },
  {
    title: 'Write a post: 201, the post, and where it lives',
    method: 'POST',
    path: '/api/v1/posts',
    body: { title: 'Hello, forum', body: 'The first post.' },
    status: 201,
  },
  {
    title: 'Write a second post: 201',
    method: 'POST',
    path: '/api/v1/posts',
    body: { title: 'A second post', body: 'Newer than the first.' },
    status: 201,
  },
  {
    title: 'The admin replies to the first post: 201',
    method: 'POST',
    path: '/api/v1/posts/1/replies',
    body: { body: 'Welcome, Ada!' },
    jar: adminJar,
    status: 201,
  },
  { title: 'The first post: one reply, counted', method: 'GET', path: '/api/v1/posts/1', status: 200 },
  { title: 'Its replies, oldest first, in the page envelope', method: 'GET', path: '/api/v1/posts/1/replies', status: 200 },
  {
    title: 'The posts, one per page: the reply is the newest activity, so the first post is on top',
    method: 'GET',
    path: '/api/v1/posts?limit=1',
    status: 200,
  },
  { title: 'Page 2 of 2: the second post', method: 'GET', path: '/api/v1/posts?limit=1&page=2', status: 200 },
  { title: 'A page past the last one: 200 and no posts, not an error', method: 'GET', path: '/api/v1/posts?limit=1&page=3', status: 200 },
];
// #endregion steps

const logged: { requests: string[]; errors: ErrorLogEntry[] } = { requests: [], errors: [] };
const exchanges: { step: Step; res: Response; setCookies: string[] }[] = [];
let workDir: string;
let transcript = '';

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'lesson-09-walkthrough-'));
  // What `ADMIN_EMAIL=admin@example.com DATABASE_PATH=walkthrough.db pnpm dev 9` reads.
  const config = loadConfig({ ADMIN_EMAIL: admin.email, DATABASE_PATH: join(workDir, 'walkthrough.db') });
  const db = openDatabase(config.databasePath);
  const sessionStore = new SQLiteStore({ db });
  // The real clock, but never the same millisecond twice. In a terminal,
  // two curl commands are always further apart than that; here, a post and
  // the reply after it could share a millisecond, and the order of the
  // list, newest activity first, would then fall to the tie-breaker.
  let last = 0;
  const now = () => (last = Math.max(Date.now(), last + 1));
  const app: Express = createApp({
    config,
    db,
    sessionStore,
    now,
    log: { request: (line) => logged.requests.push(line), error: (entry) => logged.errors.push(entry) },
    readNotice: () => readNoticeFile(join(lessonDir, 'notice.json')),
  });
  const run: Run = { startedAt: Date.now(), finishedAt: 0, sessionMaxAgeMs: config.sessionMaxAgeMs };
  const jars = new Map<string, Jar>();
  try {
    for (const step of steps) {
      const cookies = jars.get(step.jar ?? jar) ?? new Map<string, string>();
      jars.set(step.jar ?? jar, cookies);
      let req = step.method === 'GET' ? request(app).get(step.path) : request(app).post(step.path);
      if (cookies.size > 0) req = req.set('Cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
      if (step.body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(step.body));
      const res = await req;
      const setCookies = [(res.headers['set-cookie'] as string[] | string | undefined) ?? []].flat();
      for (const line of setCookies) storeCookie(cookies, line);
      exchanges.push({ step, res, setCookies });
    }
  } finally {
    sessionStore.close();
    db.close();
  }
  // The clock may have run a few milliseconds ahead of Date.now().
  run.finishedAt = Math.max(Date.now(), last);
  transcript = `${[header.join('\n'), ...exchanges.map((exchange) => showStep(exchange, run))].join('\n\n')}\n`;
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function showStep({ step, res }: (typeof exchanges)[number], run: Run): string {
  return `# ${step.title}\n${curlCommand(step)}\n${showAnswer(res, run)}`;
}

const answerTo = (path: string, method = 'GET') => exchanges.find(({ step }) => step.path === path && step.method === method)?.res;

test.for(steps.map((step) => [step.title, step] as const))('%s', ([, step]) => {
  const exchange = exchanges.find((one) => one.step === step);
  expect(exchange?.res.status, exchange?.res.text).toBe(step.status);
});

test('the transcript matches lessons/09-forum-posts/walkthrough.txt', async () => {
  await expect(transcript).toMatchFileSnapshot(transcriptPath);
});

test('the pending member and the admin are who the transcript says, and Ada keeps her login through the approval', () => {
  expect(exchanges[0]?.res.body).toMatchObject({ id: 1, status: 'pending', role: 'member' });
  expect(exchanges.find(({ step }) => step.jar === adminJar)?.res.body).toMatchObject({ id: 2, status: 'approved', role: 'admin' });
  // Ada logged in once, before the approval: no Set-Cookie after her login.
  const adaCookies = exchanges.filter(({ step }) => (step.jar ?? jar) === jar).flatMap(({ setCookies }) => setCookies);
  expect(adaCookies).toHaveLength(1);
});

test('the reply is counted and moved its post to the top, and the envelope adds up', () => {
  expect(answerTo('/api/v1/posts/1')?.body).toMatchObject({ replyCount: 1, author: { id: 1, username: 'ada' } });
  const post = answerTo('/api/v1/posts/1')?.body as { createdAt: string; lastActivityAt: string };
  const reply = answerTo('/api/v1/posts/1/replies', 'POST')?.body as { createdAt: string };
  expect(post.lastActivityAt).toBe(reply.createdAt);
  expect(post.lastActivityAt > post.createdAt).toBe(true);
  expect(answerTo('/api/v1/posts?limit=1')?.body).toMatchObject({ data: [{ id: 1 }], page: 1, limit: 1, total: 2, pages: 2 });
  expect(answerTo('/api/v1/posts?limit=1&page=2')?.body).toMatchObject({ data: [{ id: 2 }], page: 2, total: 2, pages: 2 });
  expect(answerTo('/api/v1/posts?limit=1&page=3')?.body).toEqual({ data: [], page: 3, limit: 1, total: 2, pages: 2 });
});

test('no answer and no log line holds a password, and nothing was logged as an error', () => {
  const everything = [...exchanges.map(({ res, setCookies }) => `${JSON.stringify(res.headers)}\n${setCookies.join('\n')}\n${res.text}`), ...logged.requests];
  for (const text of everything) {
    expect(text).not.toContain(ada.password);
    expect(text).not.toContain(admin.password);
  }
  expect(logged.errors).toEqual([]);
  expect(logged.requests).toHaveLength(exchanges.length);
});
