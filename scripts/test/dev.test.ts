// Runs `scripts/dev.ts` as a process, the way `pnpm dev` does.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from '../lib/lessons.ts';

function runDev(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/dev.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    input: '',
    timeout: 10_000,
  });
}

test('an unknown lesson is refused with the list of lessons', () => {
  const result = runDev(['99']);

  expect(result.status).toBe(1);
  expect(result.stderr).toContain('No lesson matches "99"');
  expect(result.stderr).toContain('01  Hello, Express');
});

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
});

test('with no argument and no terminal it starts the most advanced lesson and prints its URL', async () => {
  const { spawn } = await import('node:child_process');
  const { listLessons } = await import('../lib/lessons.ts');
  const latest = listLessons().at(-1)!;
  // detached: the runner starts pnpm and tsx below it; kill the whole group.
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/dev.ts')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', DATABASE_PATH: ':memory:' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  try {
    const deadline = Date.now() + 12_000;
    while (!/listening on http:\/\/localhost:\d+/.test(output) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(output).toContain(`starting the most advanced, ${latest.slug}`);
    const url = output.match(/listening on (http:\/\/localhost:\d+)/)![1];
    expect((await fetch(`${url}/health`)).status).toBe(200);
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
}, 20_000);
