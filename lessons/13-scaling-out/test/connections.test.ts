// A server that cannot reach PostgreSQL or Redis refuses to start, with one
// line that names the setting and says what to do. No server is needed for
// these: nothing listens on the ports they use.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, expect, test, vi } from 'vitest';
import { openConnections } from '../src/connections.ts';

// Starting Node processes takes seconds on a busy machine; the limit only stops a hang.
vi.setConfig({ testTimeout: 60_000 });

const lessonDir = fileURLToPath(new URL('..', import.meta.url));
const logger = pino({ level: 'silent' });
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A port that was free a moment ago: nothing listens on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A port where something accepts connections and never says a word. */
async function silentPort(): Promise<number> {
  const server = createServer(() => {});
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

test('nothing listening at DATABASE_URL: one line naming it, how to start PostgreSQL, and the password hidden', async () => {
  const port = await closedPort();

  const refusal = openConnections({ databaseUrl: `postgres://forum:hunter2@127.0.0.1:${port}/forum`, redisUrl: undefined }, logger);

  await expect(refusal).rejects.toThrow(
    `DATABASE_URL: nothing is listening at postgres://forum:***@127.0.0.1:${port}/forum. Start PostgreSQL (in lessons/13-scaling-out: docker compose up -d), or unset DATABASE_URL to keep the data in SQLite.`,
  );
});

test('nothing listening at REDIS_URL: one line naming it and how to start Redis', async () => {
  const port = await closedPort();

  await expect(openConnections({ databaseUrl: undefined, redisUrl: `redis://127.0.0.1:${port}` }, logger)).rejects.toThrow(
    `REDIS_URL: nothing is listening at redis://127.0.0.1:${port}. Start Redis (in lessons/13-scaling-out: docker compose up -d), or unset REDIS_URL to keep sessions and rate limits in this process.`,
  );
});

test('a server that accepts the connection but never answers is given up on, not waited for forever', async () => {
  const port = await silentPort();

  await expect(openConnections({ databaseUrl: `postgres://forum@127.0.0.1:${port}/forum`, redisUrl: undefined }, logger)).rejects.toThrow(
    /^DATABASE_URL: no answer from postgres:\/\/forum@127\.0\.0\.1:\d+\/forum within 5 seconds\./,
  );
});

// #region refusal-test
test('`pnpm dev` with DATABASE_URL set and nothing listening: exit code 1 and the one line, no stack', async () => {
  const port = await closedPort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: lessonDir,
    env: { ...process.env, PORT: '0', DATABASE_URL: `postgres://forum:forum@127.0.0.1:${port}/forum`, REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));

  const code = await new Promise((resolve) => child.on('exit', resolve));

  expect(code).toBe(1);
  expect(stderr.trim().split('\n')).toEqual([
    `DATABASE_URL: nothing is listening at postgres://forum:***@127.0.0.1:${port}/forum. Start PostgreSQL (in lessons/13-scaling-out: docker compose up -d), or unset DATABASE_URL to keep the data in SQLite.`,
  ]);
  expect(stdout).not.toContain('listening on');
});
// #endregion refusal-test
