// Keeps lessons/07-authentication/walkthrough.txt true. That transcript, shown
// on docs/lessons/07-authentication.md, lists curl commands to run against
// `pnpm dev 7` and what each one answers. This test sends the same requests,
// in the same order, to lesson 07's createApp(), built as src/server.ts builds
// it (default settings, a database file, the SQLite session store on it). It
// keeps a cookie jar per file name, as curl's -b and -c do, and restarts "the
// server" by closing the database and building a new app on the same file.
// It writes the commands and the answers in the transcript's format and
// compares them with the file, a vitest file snapshot. When lesson 07 changes
// what it answers, the test fails until you regenerate the file:
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
import { createApp } from '../../lessons/07-authentication/src/app.ts';
import { loadConfig, type Config } from '../../lessons/07-authentication/src/config.ts';
import { openDatabase } from '../../lessons/07-authentication/src/db.ts';
import { readNoticeFile } from '../../lessons/07-authentication/src/notice.ts';
import { ada } from '../exercises/reference/api-examples.ts';
import type { Run } from '../exercises/reference/placeholders.ts';
import { curlCommand, showAnswer, storeCookie, type Jar } from './curl-transcript.ts';

const lessonDir = fileURLToPath(new URL('../../lessons/07-authentication/', import.meta.url));
const transcriptPath = join(lessonDir, 'walkthrough.txt');

const jar = 'cookies.txt';
const copyOfJar = 'copy-of-cookies.txt';

const header = [
  '# Lesson 07 walkthrough. From the repository root, start lesson 07 on a database',
  '# of its own (delete walkthrough.db in the lesson folder to start again):',
  '#',
  '#   DATABASE_PATH=walkthrough.db pnpm dev 7',
  '#',
  '# Then run the commands below in a second terminal, in a folder without a',
  '# cookies.txt. -b and -c make curl read and write that file, its cookie jar,',
  '# as a browser keeps its cookies. Each answer shows the status line and the',
  '# Location, Set-Cookie, Cache-Control and Content-Type headers; curl -i prints',
  '# the others too. <…> marks what changes from run to run.',
];

// #region steps
type Step =
  /** One curl command, and the status its answer must have. */
  | { title: string; method: 'GET' | 'POST'; path: string; body?: object; jar?: string; status: number }
  /** `cp from to`: a copy of a cookie jar. */
  | { title: string; copy: { from: string; to: string } }
  /** Stop the server and start it again on the same database; `note` is a second comment line. */
  | { title: string; note: string; restart: true };

const wrongPassword = 'not the password';

/** In the order they run; the curl commands use cookies.txt unless they name another jar. */
const steps: readonly Step[] = [
  { title: 'Register: 201 and the user, without the password or its hash', method: 'POST', path: '/api/v1/auth/register', body: ada, status: 201 },
  { title: 'Who am I, before logging in: 401', method: 'GET', path: '/api/v1/auth/me', status: 401 },
  {
    title: 'Log in with a wrong password: 401',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: { email: ada.email, password: wrongPassword },
    status: 401,
  },
  {
    title: 'Log in with an email nobody has: the same 401',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: { email: 'nobody@example.com', password: wrongPassword },
    status: 401,
  },
  {
    title: 'Log in: 200, the user, and a session cookie, which curl keeps in cookies.txt',
    method: 'POST',
    path: '/api/v1/auth/login',
    body: { email: ada.email, password: ada.password },
    status: 200,
  },
  { title: 'Who am I: curl sends the cookie back, 200', method: 'GET', path: '/api/v1/auth/me', status: 200 },
  {
    title: 'Restart the server: stop it with Ctrl+C and start it again with the same command.',
    note: 'It opens the same walkthrough.db, where the session is a row: the login survives.',
    restart: true,
  },
  { title: 'Who am I, after the restart: still logged in', method: 'GET', path: '/api/v1/auth/me', status: 200 },
  { title: 'A route behind requireAuth: the users list', method: 'GET', path: '/api/v1/users', status: 200 },
  { title: 'Keep a copy of the cookie jar, to send the old cookie after logging out', copy: { from: jar, to: copyOfJar } },
  { title: 'Log out: 204, and the cookie is cleared', method: 'POST', path: '/api/v1/auth/logout', status: 204 },
  { title: 'Who am I, after logging out: 401', method: 'GET', path: '/api/v1/auth/me', status: 401 },
  {
    title: 'Send the copy of the cookie from before the logout: still 401',
    method: 'GET',
    path: '/api/v1/auth/me',
    jar: copyOfJar,
    status: 401,
  },
];
// #endregion steps

type CurlStep = Extract<Step, { method: string }>;

interface Server {
  app: Express;
  close: () => void;
}

const logged: { requests: string[]; errors: ErrorLogEntry[] } = { requests: [], errors: [] };
let workDir: string;
let config: Config;

/** Lesson 07 as src/server.ts starts it, with its logs collected instead of printed. */
function startServer(): Server {
  const db = openDatabase(config.databasePath);
  const sessionStore = new SQLiteStore({ db });
  const app = createApp({
    config,
    db,
    sessionStore,
    log: { request: (line) => logged.requests.push(line), error: (entry) => logged.errors.push(entry) },
    readNotice: () => readNoticeFile(join(lessonDir, 'notice.json')),
  });
  return {
    app,
    close: () => {
      sessionStore.close();
      db.close();
    },
  };
}

interface Exchange {
  step: CurlStep;
  res: Response;
  setCookies: string[];
}

const exchanges: Exchange[] = [];
let transcript = '';

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'lesson-07-walkthrough-'));
  // What `DATABASE_PATH=walkthrough.db pnpm dev 7` reads: the defaults and a database file.
  config = loadConfig({ DATABASE_PATH: join(workDir, 'walkthrough.db') });
  const run: Run = { startedAt: Date.now(), finishedAt: 0, sessionMaxAgeMs: config.sessionMaxAgeMs };
  const jars = new Map<string, Jar>();
  let server = startServer();
  try {
    for (const step of steps) {
      if ('restart' in step) {
        server.close();
        server = startServer();
      } else if ('copy' in step) {
        jars.set(step.copy.to, new Map(jars.get(step.copy.from)));
      } else {
        const cookies = jars.get(step.jar ?? jar) ?? new Map<string, string>();
        jars.set(step.jar ?? jar, cookies);
        let req = step.method === 'GET' ? request(server.app).get(step.path) : request(server.app).post(step.path);
        if (cookies.size > 0) req = req.set('Cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
        if (step.body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(step.body));
        const res = await req;
        const setCookies = [(res.headers['set-cookie'] as string[] | string | undefined) ?? []].flat();
        for (const line of setCookies) storeCookie(cookies, line);
        exchanges.push({ step, res, setCookies });
      }
    }
  } finally {
    server.close();
  }
  run.finishedAt = Date.now();
  transcript = `${[header.join('\n'), ...steps.map((step) => showStep(step, run))].join('\n\n')}\n`;
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function showStep(step: Step, run: Run): string {
  const title = `# ${step.title}`;
  if ('restart' in step) return `${title}\n# ${step.note}`;
  if ('copy' in step) return `${title}\n$ cp ${step.copy.from} ${step.copy.to}`;
  const exchange = exchanges.find((one) => one.step === step);
  if (exchange === undefined) throw new Error(`no answer for "${step.title}"`);
  return `${title}\n${curlCommand(step)}\n${showAnswer(exchange.res, run)}`;
}

test.for(steps.filter((step): step is CurlStep => 'method' in step).map((step) => [step.title, step] as const))(
  '%s',
  ([, step]) => {
    const exchange = exchanges.find((one) => one.step === step);
    expect(exchange?.res.status, exchange?.res.text).toBe(step.status);
  },
);

test('the transcript matches lessons/07-authentication/walkthrough.txt', async () => {
  await expect(transcript).toMatchFileSnapshot(transcriptPath);
});

test('a wrong password and an unknown email get the same answer, but for the request id', () => {
  const [wrong, unknown] = exchanges.filter(({ step }) => step.path === '/api/v1/auth/login' && step.status === 401);
  const withoutId = (res: Response | undefined) => ({ ...(res?.body as object), requestId: undefined });
  expect(withoutId(unknown?.res)).toEqual(withoutId(wrong?.res));
});

test('no answer and no log line holds the password, and nothing was logged as an error', () => {
  const everything = [...exchanges.map(({ res, setCookies }) => `${JSON.stringify(res.headers)}\n${setCookies.join('\n')}\n${res.text}`), ...logged.requests];
  for (const text of everything) expect(text).not.toContain(ada.password);
  expect(logged.errors).toEqual([]);
  // One request log line per curl command: both servers logged.
  expect(logged.requests).toHaveLength(exchanges.length);
});
