// `pnpm dev` shows the lesson's type errors: scripts/watch.ts on a tiny
// server with a tsconfig.json, in a temporary folder. The server keeps
// running while tsc reports; the waits end on output, never on a clock.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

const server = (extra: string) => `import { createServer } from 'node:http';
${extra}
const server = createServer((_req, res) => res.end('ok'));
server.listen(0, () => console.log('listening on http://localhost:' + (server.address() as { port: number }).port));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
`;

test('type errors appear beside the running server, and their end is announced', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'type-watch-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'src'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2023', types: ['node'], typeRoots: [join(repoRoot, 'node_modules', '@types')] },
      include: ['src'],
    }),
  );
  writeFileSync(join(dir, 'src', 'server.ts'), server("const port: number = 'not a number';\nvoid port;"));

  const child = spawn(process.execPath, ['--import', tsxLoader, join(repoRoot, 'scripts', 'watch.ts'), 'src/server.ts'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => child.kill('SIGKILL'));
  let output = '';
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const waiter of waiters) waiter();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const seen = (text: string) =>
    new Promise<void>((resolve) => {
      const look = () => output.includes(text) && resolve();
      waiters.push(look);
      look();
    });

  await seen("Type 'string' is not assignable to type 'number'.");
  expect(output).toContain('listening on http://localhost:');
  expect(output).toContain('[types] 1 type error (the server still runs');
  expect(output).toMatch(/\[types\] {3}src\/server\.ts:2:7 TS2322 Type 'string' is not assignable to type 'number'\./);

  writeFileSync(join(dir, 'src', 'server.ts'), server('const port: number = 3000;\nvoid port;'));
  await seen('[types] no type errors');

  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
}, hangGuard);
