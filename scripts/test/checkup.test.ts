// `pnpm checkup`: exit 0 when the core is fine, 1 with a one-line fix when a
// core check fails; optional parts only warn. Failures are injected through
// what the command reads: the pnpm that started it, PORT, CHROMIUM_PATH, and
// the inputs of the checks themselves.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { checkNode, checkPnpm, checkServices, formatCheckup, inputsFromEnvironment, satisfies, sqliteFix } from '../lib/checkup.ts';
import { repoRoot } from '../lib/lessons.ts';

const hangGuard = 120_000;
const pinnedPnpm = (JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as { packageManager: string }).packageManager.replace('pnpm@', '');
/** What pnpm tells the scripts it starts about itself. */
const startedByPinnedPnpm = { npm_config_user_agent: `pnpm/${pinnedPnpm} npm/? node/v${process.versions.node} linux x64` };
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

function checkup(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/checkup.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: hangGuard - 10_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A port that something listens on. */
async function busyPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, resolve));
  return (server.address() as { port: number }).port;
}

/** A port that nothing listens on: taken from the system, then given back. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('on this machine the core is fine: exit 0', () => {
  const { status, output } = checkup({ ...startedByPinnedPnpm, PORT: '0' });

  expect(output).toContain('✓ Node.js');
  expect(output).toContain(`✓ pnpm`);
  expect(output).toContain('✓ better-sqlite3');
  expect(output).toContain('✓ Lesson folders');
  expect(status, output).toBe(0);
}, hangGuard);

test('a busy port fails the checkup with the fix', async () => {
  const port = await busyPort();
  const { status, output } = checkup({ PORT: String(port) });

  expect(status).toBe(1);
  expect(output).toContain(`✗ Port ${port}`);
  expect(output).toContain(`fix: Stop the other server, or start the lesson on another port: PORT=${port + 1} pnpm dev 1`);
}, hangGuard);

test('another pnpm version fails the checkup with the install line', () => {
  const { status, output } = checkup({ npm_config_user_agent: 'pnpm/9.1.0 npm/? node/v20.20.2 linux x64', PORT: '0' });

  expect(status).toBe(1);
  expect(output).toMatch(/✗ pnpm\s+9\.1\.0, but the course uses /);
  expect(output).toMatch(/fix: npm install -g pnpm@\d+\.\d+\.\d+/);
}, hangGuard);

test('a missing Chromium is a warning: exit code 0', () => {
  const { status, output } = checkup({ ...startedByPinnedPnpm, CHROMIUM_PATH: '/no/such/chromium', PORT: '0' });

  expect(output).toContain('! Chromium');
  expect(output).toContain('fix: apt-get install -y chromium');
  expect(status, output).toBe(0);
}, hangGuard);

test('a Node outside engines fails, with the way to install the right one', () => {
  const inputs = { ...inputsFromEnvironment(), nodeVersion: '18.20.0' };
  const result = checkNode(inputs);

  expect(result.outcome).toBe('fail');
  expect(result.fix).toContain('nvm install');
  expect(checkNode({ ...inputs, nodeVersion: '25.0.0' }).outcome).toBe('fail');
  expect(checkNode({ ...inputs, nodeVersion: '20.19.0' }).outcome).toBe('ok');
});

test('no pnpm at all fails with the install line', () => {
  const result = checkPnpm({ ...inputsFromEnvironment(), pnpmVersion: undefined });

  expect(result.outcome).toBe('fail');
  expect(result.fix).toMatch(/^npm install -g pnpm@/);
});

test('a native module built for another Node, or never built, gets the rebuild line', () => {
  expect(sqliteFix('Error: The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115.')).toContain('pnpm rebuild better-sqlite3');
  expect(sqliteFix('Error: Could not locate the bindings file. Tried: …')).toContain('build script did not run');
});

test('PostgreSQL and Redis are asked once a lesson depends on them, and name it', async () => {
  const postgres = await busyPort();
  const redis = await busyPort();
  const results = await checkServices({ ...inputsFromEnvironment(), servicePorts: { PostgreSQL: postgres, Redis: redis } });

  expect(results).toEqual([
    { name: `PostgreSQL (127.0.0.1:${postgres})`, outcome: 'ok', detail: 'answers (used by 13-scaling-out when DATABASE_URL is set)' },
    { name: `Redis (127.0.0.1:${redis})`, outcome: 'ok', detail: 'answers (used by 13-scaling-out when REDIS_URL is set)' },
  ]);
});

test('a PostgreSQL or Redis that does not answer is a warning whose fix is lesson 13\'s docker compose up -d', async () => {
  const free = await freePort();
  const results = await checkServices({ ...inputsFromEnvironment(), servicePorts: { PostgreSQL: free, Redis: free } });

  expect(results.map((result) => result.outcome)).toEqual(['warn', 'warn']);
  expect(results[0]!.detail).toBe('does not answer (used by 13-scaling-out when DATABASE_URL is set)');
  for (const result of results) {
    expect(result.fix).toMatch(/^cd lessons\/13-scaling-out && docker compose up -d \(it reads compose\.yaml there\), or run /);
    expect(result.fix).not.toContain('docker run');
  }
  expect(results[1]!.fix).toContain('without it, leave REDIS_URL unset.');
});

test('satisfies reads the engines range the way npm does for these comparators', () => {
  expect(satisfies('20.19.0', '>=20.19.0 <25')).toBe(true);
  expect(satisfies('20.18.9', '>=20.19.0 <25')).toBe(false);
  expect(satisfies('24.99.0', '>=20.19.0 <25')).toBe(true);
  expect(satisfies('25.0.0', '>=20.19.0 <25')).toBe(false);
});

test('the verdict counts failures and warnings', () => {
  const text = formatCheckup([
    { name: 'a', outcome: 'ok', detail: 'fine' },
    { name: 'b', outcome: 'fail', detail: 'broken', fix: 'mend it' },
    { name: 'c', outcome: 'warn', detail: 'optional', fix: 'maybe' },
  ]);

  expect(text).toContain('✗ b  broken');
  expect(text).toContain('fix: mend it');
  expect(text).toContain('1 problem to fix before the lessons will run, 1 warning.');
});
