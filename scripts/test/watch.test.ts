// Runs scripts/watch.ts (a lesson's `pnpm dev`) as a process on a tiny server
// of the test's own, in a temporary folder: no lesson, no database. Nothing
// here measures time; the waits end on output, and the long test timeouts
// only guard against a hang on a busy machine.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { repoRoot } from '../lib/lessons.ts';

const hangGuard = 120_000;
const tsxLoader = import.meta.resolve('tsx');
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

// Prints its pid and URL once it listens; refuses a PORT that is not a number
// (exit 1, one line); PORT=quit exits 0 without listening. One signal closes it.
const fixtureServer = `import { createServer } from 'node:http';
const port = process.env.PORT ?? '0';
if (port === 'quit') process.exit(0);
if (!/^\\d+$/.test(port)) {
  console.error(\`PORT must be a whole number, got "\${port}"\`);
  process.exit(1);
}
const server = createServer((_req, res) => res.end('ok'));
server.listen(Number(port), () => {
  const { port: actual } = server.address() as { port: number };
  console.log(\`server \${process.pid} listening on http://localhost:\${actual}\`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(\`\${signal} received\`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
`;

function fixtureFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'watch-fixture-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'server.ts'), fixtureServer);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function startWatcher(dir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', tsxLoader, join(repoRoot, 'scripts/watch.ts'), 'src/server.ts'], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  /** Waits for `pattern` in the output after position `from`; returns the match and where it ended. */
  const waitFor = async (pattern: RegExp, from = 0) => {
    for (;;) {
      const match = pattern.exec(output.slice(from));
      if (match) return { match, end: from + match.index + match[0].length };
      if (child.exitCode !== null) throw new Error(`the watcher exited (${child.exitCode}) before ${pattern}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a server that refuses to start ends the watcher with its exit code and its one-line message', async () => {
  const watcher = startWatcher(fixtureFolder(), { PORT: 'eighty' });

  expect(await watcher.exited).toBe(1);
  expect(watcher.output().trim()).toBe('PORT must be a whole number, got "eighty"');
}, hangGuard);

test('a server that exits before it listens counts as refused, even with exit code 0', async () => {
  const watcher = startWatcher(fixtureFolder(), { PORT: 'quit' });

  expect(await watcher.exited).toBe(1);
  expect(watcher.output()).toContain('src/server.ts stopped before it started listening (exit code 0)');
}, hangGuard);

test.each(['SIGTERM', 'SIGINT'] as const)('%s after a successful start stops the server once and the watcher exits 0', async (signal) => {
  const watcher = startWatcher(fixtureFolder(), { PORT: '0' });
  const { match } = await watcher.waitFor(/server (\d+) listening on http:\/\/localhost:\d+/);
  const serverPid = Number(match[1]);

  watcher.child.kill(signal);

  expect(await watcher.exited).toBe(0);
  expect(watcher.output().match(/received/g)).toEqual(['received']);
  expect(watcher.output()).toContain(`${signal} received`);
  expect(isRunning(serverPid)).toBe(false);
}, hangGuard);

test('a crash after a successful start keeps watching, and the next save starts the server again', async () => {
  const dir = fixtureFolder();
  const file = join(dir, 'src', 'server.ts');
  const watcher = startWatcher(dir, { PORT: '0' });
  const first = await watcher.waitFor(/server (\d+) listening on http/);

  // The learner saves a file with a syntax error: the restarted server crashes.
  writeFileSync(file, `${readFileSync(file, 'utf8')}\nconst broken = ;\n`);
  const crash = await watcher.waitFor(/\[watch\] the server stopped \(exit code 1\)/, first.end);
  expect(watcher.output().slice(first.end, crash.end)).toContain('src/server.ts changed: restarting');
  expect(watcher.child.exitCode).toBeNull();

  // The fix is saved: the server starts again, and Ctrl+C still ends cleanly.
  writeFileSync(file, fixtureServer);
  const second = await watcher.waitFor(/server (\d+) listening on (http:\/\/localhost:\d+)/, crash.end);
  expect((await fetch(second.match[2]!)).status).toBe(200);
  watcher.child.kill('SIGINT');

  expect(await watcher.exited).toBe(0);
  expect(isRunning(Number(first.match[1]))).toBe(false);
  expect(isRunning(Number(second.match[1]))).toBe(false);
}, hangGuard);

test('when the process that started it dies (pnpm\'s `sh -c` on SIGTERM), the watcher stops the server', async () => {
  const dir = fixtureFolder();
  // A shell that stays between, as pnpm's does: `; exit $?` keeps sh from exec-ing node.
  const command = `"${process.execPath}" --import "${tsxLoader}" "${join(repoRoot, 'scripts/watch.ts')}" src/server.ts; exit $?`;
  const shell = spawn('sh', ['-c', command], { cwd: dir, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => shell.kill('SIGKILL'));
  let output = '';
  shell.stdout!.on('data', (chunk) => (output += chunk));
  shell.stderr!.on('data', (chunk) => (output += chunk));
  while (!/server (\d+) listening/.test(output)) {
    if (shell.exitCode !== null) throw new Error(`sh exited before the server listened:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const serverPid = Number(output.match(/server (\d+) listening/)![1]);

  shell.kill('SIGTERM');

  // The watcher notices it has been orphaned and passes SIGTERM on.
  while (isRunning(serverPid)) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(output).toContain('SIGTERM received');
}, hangGuard);
