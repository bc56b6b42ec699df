// src/server.ts is the process entry, so these tests run it as a real process
// (through tsx) the way `pnpm dev` does, and check what a learner sees.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test, vi } from 'vitest';

// Every test starts Node processes, which takes seconds on a busy machine.
// This limit only stops a test that hangs; no test measures how fast it runs.
vi.setConfig({ testTimeout: 60_000 });

const lessonDir = fileURLToPath(new URL('..', import.meta.url));
const children: ReturnType<typeof spawn>[] = [];
const blockers: Server[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const blocker of blockers.splice(0)) blocker.close();
});

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: lessonDir,
    env: { ...process.env, ...env },
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
