// Runs `scripts/dev.ts` as a process, the way `pnpm dev` at the root does.
// Each run gets a cache folder of its own (LESSONS_CACHE_DIR), so the tests
// never change which lesson your own prompt offers.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { listLessons, repoRoot } from '../lib/lessons.ts';

const hangGuard = 120_000;
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dev-cache-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function runDev(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/dev.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, LESSONS_CACHE_DIR: cacheDir(), ...env },
    encoding: 'utf8',
    input: '',
    timeout: hangGuard - 10_000,
  });
}

function startDev(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/dev.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, LESSONS_CACHE_DIR: cacheDir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp) => {
    while (!pattern.test(output)) {
      if (child.exitCode !== null) throw new Error(`pnpm dev exited (${child.exitCode}) before ${pattern}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return output.match(pattern)!;
  };
  return { child, exited, waitFor, output: () => output };
}

test('an unknown lesson is refused with the list of lessons', () => {
  const result = runDev(['99']);

  expect(result.status).toBe(1);
  expect(result.stderr).toContain('No lesson matches "99"');
  expect(result.stderr).toContain('01  Hello, Express');
}, hangGuard);

test('a busy port gets one line that names PORT, and no server starts', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const result = runDev(['1'], { PORT: String(port) });

    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `Port ${port} is already in use. Stop the other server or choose another port, e.g. PORT=3001 pnpm dev 1.`,
    );
  } finally {
    blocker.close();
  }
}, hangGuard);

test.each(['70000', 'eighty', ''])('PORT=%j gets one line that names PORT, not a stack trace', (port) => {
  const result = runDev(['1'], { PORT: port });

  expect(result.status).toBe(1);
  expect(result.stderr.trim()).toBe(`PORT must be a whole number from 0 to 65535, got ${JSON.stringify(port)}.`);
  expect(result.stdout).toBe('');
}, hangGuard);

test('a lesson that refuses to start (production without SESSION_SECRET) ends pnpm dev with its message and code 1', () => {
  const result = runDev(['6'], { PORT: '0', NODE_ENV: 'production', DATABASE_PATH: ':memory:' });

  expect(result.status).toBe(1);
  expect(result.stderr).toContain('SESSION_SECRET is required in production');
  expect(result.stderr).not.toContain('    at ');
}, hangGuard);

test('with no argument and no terminal it starts the most advanced lesson; SIGTERM stops it and exits 0', async () => {
  const latest = listLessons().at(-1)!;
  const dev = startDev([], { PORT: '0', DATABASE_PATH: ':memory:' });

  const [, url] = await dev.waitFor(/listening on (http:\/\/localhost:\d+)/);
  expect(dev.output()).toContain(`starting the most advanced, ${latest.slug}`);
  expect((await fetch(`${url}/health`)).status).toBe(200);

  dev.child.kill('SIGTERM');

  expect(await dev.exited).toBe(0);
  expect(dev.output()).toContain('SIGTERM received');
  // The runner waited for the server: nothing answers on its port any more.
  await expect(fetch(`${url}/health`)).rejects.toThrow();
}, hangGuard);
