// src/server.ts is the process entry, so these tests run it as a real process
// (through tsx) the way `pnpm dev` does, and check what a learner sees.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test, vi } from 'vitest';

// Every test starts Node processes, which takes seconds on a busy machine.
// This limit only stops a test that hangs; no test measures how fast it runs.
vi.setConfig({ testTimeout: 60_000 });

const lessonDir = fileURLToPath(new URL('..', import.meta.url));
const children: ReturnType<typeof spawn>[] = [];
const blockers: Server[] = [];
const tempDirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const blocker of blockers.splice(0)) blocker.close();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database file of the test's own, so no test touches the lesson's forum.db. */
function tempDatabasePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forum-server-'));
  tempDirs.push(dir);
  return join(dir, 'forum.db');
}

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: lessonDir,
    env: { ...process.env, DATABASE_PATH: ':memory:', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = () => ({ stdout, stderr });
  const waitFor = async (pattern: RegExp) => {
    while (!pattern.test(stdout + stderr)) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${stdout}${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return (stdout + stderr).match(pattern)!;
  };
  return { child, exited, output, waitFor };
}

// #region sigterm-test
test('prints its URL, answers /health, and exits 0 on SIGTERM', async () => {
  const server = startServer({ PORT: '0' });
  const [, url] = await server.waitFor(/listening on (http:\/\/localhost:\d+)/);

  const res = await fetch(`${url}/health`);
  expect(res.status).toBe(200);

  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  expect(server.output().stdout).toContain('SIGTERM received');
});
// #endregion sigterm-test

test('logs one JSON entry per request and serves the notice from notice.json', async () => {
  const server = startServer({ PORT: '0' });
  const [, url] = await server.waitFor(/listening on (http:\/\/localhost:\d+)/);

  const res = await fetch(`${url}/api/v1/notice`);
  expect(res.status).toBe(200);
  const notice = JSON.parse(await readFile(new URL('../notice.json', import.meta.url), 'utf8'));
  expect(await res.json()).toEqual(notice);

  const [line] = await server.waitFor(/^\{.*"msg":"GET \/api\/v1\/notice 200".*\}$/m);
  expect(JSON.parse(line)).toMatchObject({ level: 30, req: { method: 'GET', url: '/api/v1/notice', id: res.headers.get('x-request-id') }, res: { statusCode: 200 }, responseTime: expect.any(Number) });
});

test('an unknown path gets the JSON error format from the real server', async () => {
  const server = startServer({ PORT: '0' });
  const [, url] = await server.waitFor(/listening on (http:\/\/localhost:\d+)/);

  const res = await fetch(`${url}/api/v1/nope`);

  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(await res.json()).toMatchObject({ title: 'Not Found', detail: 'Cannot GET /api/v1/nope', requestId: res.headers.get('x-request-id') });
});

test('LOG_REQUESTS=false keeps the request log quiet', async () => {
  const server = startServer({ PORT: '0', LOG_REQUESTS: 'false' });
  const [, url] = await server.waitFor(/listening on (http:\/\/localhost:\d+)/);

  await fetch(`${url}/health`);
  server.child.kill('SIGTERM');
  await server.exited;

  expect(server.output().stdout).not.toContain('GET /health');
});

test('a busy port gets one clear line naming PORT, not a stack trace', async () => {
  const blocker = createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(0, resolve));
  const port = (blocker.address() as { port: number }).port;

  const server = startServer({ PORT: String(port) });

  expect(await server.exited).toBe(1);
  const { stderr } = server.output();
  expect(stderr.trim()).toBe(
    `Port ${port} is already in use. Stop the other server or choose another port, e.g. PORT=3001.`,
  );
});

test('a bad PORT refuses to start and names the setting', async () => {
  const server = startServer({ PORT: 'eighty' });

  expect(await server.exited).toBe(1);
  expect(server.output().stderr).toContain('PORT must be a whole number from 0 to 65535, got "eighty"');
});

test('bad settings are all listed in one message', async () => {
  const server = startServer({ PORT: '0', NODE_ENV: 'staging', LOG_REQUESTS: 'yes', DATABASE_PATH: '/no/such/folder/forum.db' });

  expect(await server.exited).toBe(1);
  const { stderr } = server.output();
  expect(stderr).toContain('NODE_ENV must be one of development, test, production, got "staging"');
  expect(stderr).toContain('LOG_REQUESTS must be "true" or "false", got "yes"');
  expect(stderr).toContain('DATABASE_PATH must be in a folder that exists');
});

test('a DATABASE_PATH that SQLite cannot open refuses to start and names the setting, without a stack trace', async () => {
  const notADatabase = tempDatabasePath();
  writeFileSync(notADatabase, 'These are notes, not a SQLite database. '.repeat(20));

  for (const path of [notADatabase, dirname(notADatabase)]) {
    const server = startServer({ PORT: '0', DATABASE_PATH: path });

    expect(await server.exited).toBe(1);
    const { stderr } = server.output();
    expect(stderr).toContain(`DATABASE_PATH: could not open ${path}: `);
    expect(stderr).not.toMatch(/^\s+at /m);
  }
});

// #region restart-test
test('a login survives a restart, and ADMIN_EMAIL promotes an account that already exists', async () => {
  const databasePath = tempDatabasePath();
  const ada = { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple' };
  const json = { 'Content-Type': 'application/json' };
  const first = startServer({ PORT: '0', DATABASE_PATH: databasePath });
  const [, firstUrl] = await first.waitFor(/listening on (http:\/\/localhost:\d+)/);
  const created = await fetch(`${firstUrl}/api/v1/auth/register`, { method: 'POST', headers: json, body: JSON.stringify(ada) });
  expect(created.status).toBe(201);
  const login = await fetch(`${firstUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: ada.email, password: ada.password }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  // No ADMIN_EMAIL yet: Ada is a pending member, and the admin routes are closed to her.
  expect((await fetch(`${firstUrl}/api/v1/users/1`, { headers: { Cookie: cookie } })).status).toBe(403);

  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);
  // Closing the last connection writes the write-ahead log back into the
  // database file and removes it.
  expect(existsSync(`${databasePath}-wal`)).toBe(false);

  // The same file, now with ADMIN_EMAIL naming Ada's account (in other letters).
  const second = startServer({ PORT: '0', DATABASE_PATH: databasePath, ADMIN_EMAIL: 'Ada@Example.com' });
  const [, secondUrl] = await second.waitFor(/listening on (http:\/\/localhost:\d+)/);
  await second.waitFor(/"msg":"Admin: ada@example\.com \(promoted\)"/);
  const me = await fetch(`${secondUrl}/api/v1/auth/me`, { headers: { Cookie: cookie } });
  expect(await me.json()).toMatchObject({ id: 1, username: 'ada', email: 'ada@example.com', status: 'approved', role: 'admin' });
  const user = await fetch(`${secondUrl}/api/v1/users/1`, { headers: { Cookie: cookie } });
  expect(user.status).toBe(200);

  // Neither process printed the password, in any line.
  second.child.kill('SIGTERM');
  await second.exited;
  for (const server of [first, second]) {
    const { stdout, stderr } = server.output();
    expect(stdout + stderr).not.toContain(ada.password);
  }
});
// #endregion restart-test

test('a second signal during shutdown does not cut the database close short', async () => {
  const databasePath = tempDatabasePath();
  const server = startServer({ PORT: '0', DATABASE_PATH: databasePath });
  const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)/);
  // A request that has started but not finished keeps the server open.
  const client = connect(Number(port), 'localhost');
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  client.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');

  // `pnpm dev` runs the server under a watcher: Ctrl+C reaches the server
  // from the terminal and again from the watcher.
  server.child.kill('SIGTERM');
  await server.waitFor(/SIGTERM received, closing the server/);
  server.child.kill('SIGTERM');
  await server.waitFor(/SIGTERM received again; still closing/);
  expect(server.child.exitCode).toBeNull();
  client.end('\r\n');

  expect(await server.exited).toBe(0);
  expect(existsSync(`${databasePath}-wal`)).toBe(false);
});

test('says when no ADMIN_EMAIL is set, since nobody could approve new accounts', async () => {
  const server = startServer({ PORT: '0' });

  await server.waitFor(/"msg":"No ADMIN_EMAIL: nobody can approve new accounts\. Set ADMIN_EMAIL/);
});

test('a bad ADMIN_EMAIL refuses to start, naming the setting', async () => {
  const server = startServer({ PORT: '0', ADMIN_EMAIL: 'not an email' });

  expect(await server.exited).toBe(1);
  expect(server.output().stderr).toContain('ADMIN_EMAIL must be an email address, got "not an email"');
});

test('prints which database it opened', async () => {
  const databasePath = tempDatabasePath();
  const server = startServer({ PORT: '0', DATABASE_PATH: databasePath });

  const [, printed] = await server.waitFor(/"msg":"Database: ([^"]+)"/);

  expect(printed).toBe(databasePath);
});

test('production refuses to start without SESSION_SECRET, and says which setting to set', async () => {
  const server = startServer({ PORT: '0', NODE_ENV: 'production' });

  expect(await server.exited).toBe(1);
  expect(server.output().stderr).toContain(
    'SESSION_SECRET is required in production: set it to a random string of at least 32 characters',
  );
});

test('says when sessions are signed with the development secret', async () => {
  const server = startServer({ PORT: '0' });

  await server.waitFor(/Sessions are signed with the development secret/);
});

// #region session-restart-test
test('a session survives a restart of the real server, and SIGTERM closes the store and the database', async () => {
  const databasePath = tempDatabasePath();
  const first = startServer({ PORT: '0', DATABASE_PATH: databasePath });
  const [, firstUrl] = await first.waitFor(/listening on (http:\/\/localhost:\d+)/);
  const visit = await fetch(`${firstUrl}/api/v1/session`);
  const cookie = visit.headers.getSetCookie()[0]!.split(';')[0]!;

  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);
  expect(existsSync(`${databasePath}-wal`)).toBe(false);

  const second = startServer({ PORT: '0', DATABASE_PATH: databasePath });
  const [, secondUrl] = await second.waitFor(/listening on (http:\/\/localhost:\d+)/);
  const res = await fetch(`${secondUrl}/api/v1/session`, { headers: { Cookie: cookie } });

  expect(await res.json()).toMatchObject({ visits: 2 });
});
// #endregion session-restart-test

// #region graceful-shutdown-test
/** Opens a connection and sends the start of a login whose body is not all there yet. */
async function startSlowLogin(port: number) {
  const body = JSON.stringify({ email: 'nobody@example.com', password: 'not a real password 42' });
  const client = connect(port, 'localhost');
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  let answer = '';
  client.on('data', (chunk) => (answer += chunk));
  const closed = new Promise<void>((resolve) => client.on('close', () => resolve()));
  // `Expect: 100-continue` makes the server say when it has read the
  // headers: from then on, the request is in flight.
  client.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`);
  while (!answer.includes('100 Continue')) await new Promise((resolve) => setTimeout(resolve, 10));
  answer = '';
  client.write(body.slice(0, 10));
  return { client, rest: body.slice(10), answer: () => answer, closed };
}

test('SIGTERM during a slow request: no new connections, the request finishes, then exit 0', async () => {
  const databasePath = tempDatabasePath();
  const server = startServer({ PORT: '0', DATABASE_PATH: databasePath });
  const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)/);
  const slow = await startSlowLogin(Number(port));

  server.child.kill('SIGTERM');
  await server.waitFor(/SIGTERM received, closing the server/);
  // Stopped accepting: a new connection is refused.
  await expect(fetch(`http://localhost:${port}/health`)).rejects.toThrow();
  expect(server.child.exitCode).toBeNull();

  // The request in flight gets its whole answer.
  slow.client.write(slow.rest);
  await slow.closed;
  expect(slow.answer()).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
  expect(await server.exited).toBe(0);
  expect(server.output().stdout).toContain('"msg":"closed"');
  // The store and the database were closed: the write-ahead log is gone.
  expect(existsSync(`${databasePath}-wal`)).toBe(false);
});

test('a request that does not finish by SHUTDOWN_TIMEOUT_MS is cut off, and the exit code says so', async () => {
  const databasePath = tempDatabasePath();
  const server = startServer({ PORT: '0', DATABASE_PATH: databasePath, SHUTDOWN_TIMEOUT_MS: '500' });
  const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)/);
  const slow = await startSlowLogin(Number(port));

  server.child.kill('SIGTERM');
  await slow.closed;

  expect(await server.exited).toBe(1);
  expect(server.output().stdout).toContain('requests still running after 500 ms (SHUTDOWN_TIMEOUT_MS); closing their connections');
  expect(existsSync(`${databasePath}-wal`)).toBe(false);
});
// #endregion graceful-shutdown-test

// #region slow-client-test
test('a client that sends its headers too slowly is answered 408 and disconnected', async () => {
  const server = startServer({ PORT: '0', HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '1000' });
  const [, port] = await server.waitFor(/listening on http:\/\/localhost:(\d+)/);
  const client = connect(Number(port), 'localhost');
  let answer = '';
  client.on('data', (chunk) => (answer += chunk));
  const closed = new Promise<void>((resolve) => client.on('close', () => resolve()));
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));

  // The headers never end: no blank line.
  client.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
  await closed;

  expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
});
// #endregion slow-client-test
