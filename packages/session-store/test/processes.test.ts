// These cases need a process of their own: whether a process can exit, what
// reaches uncaughtException, and several processes writing into one file.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { packageDir, tempPath } from './helpers.ts';

const children: ReturnType<typeof spawn>[] = [];

// Each test starts Node processes that load tsx, which alone takes seconds on
// a loaded machine. The timeout is there to stop a hang, not to measure.
const processTest = { timeout: 120_000 };

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function run(fixture: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join('test/fixtures', fixture), ...args], {
    cwd: packageDir,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  // 'close', not 'exit': it comes after the last of stdout has been read.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // Resolves on the output that matches, or fails when the process exits
  // without printing it: driven by the process's events, never by a clock.
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const onData = () => {
        if (!pattern.test(stdout)) return;
        stop();
        resolve();
      };
      const onExit = () => {
        stop();
        if (pattern.test(stdout)) resolve();
        else reject(new Error(`${fixture} exited early:\n${stdout}${stderr}`));
      };
      const stop = () => {
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
      };
      child.stdout!.on('data', onData);
      child.on('exit', onExit);
      if (child.exitCode !== null) onExit();
      else onData();
    });
  return { child, exited, waitFor, output: () => ({ stdout, stderr }) };
}

test('a process holding an open store still exits on its own', processTest, async () => {
  const path = tempPath();
  const holder = run('hold-open.ts', [path]);

  expect(await holder.exited).toBe(0);
  expect(holder.output().stdout).toContain('written');

  const db = new Database(path);
  try {
    expect(db.prepare('SELECT sid FROM sessions').pluck().all()).toEqual(['left-open']);
  } finally {
    db.close();
  }
});

test('a callback or disconnect listener that throws is called once, and its exception reaches the process unchanged', processTest, async () => {
  const probe = run('throwing-callback.ts', []);

  expect(await probe.exited).toBe(0);
  const report = JSON.parse(probe.output().stdout) as { calls: Record<string, number>; uncaught: string[] };
  const names = ['set', 'get', 'touch', 'all', 'ids', 'length', 'prune', 'destroy', 'close', 'get after close', 'clear after close'];
  expect(report.calls).toEqual({ ...Object.fromEntries(names.map((name) => [name, 1])), 'disconnect listener': 1 });
  expect(report.uncaught).toEqual(
    [...names.map((name) => `thrown by the ${name} callback`), 'thrown by the disconnect listener'].sort(),
  );
});

test('4 processes writing 1,000 sessions each into one file leave all 4,000 readable, with no SQLITE_BUSY', processTest, async () => {
  const path = tempPath();
  const writers = ['w1', 'w2', 'w3', 'w4'].map((prefix) => run('writer.ts', [path, prefix, '1000']));

  // Every process opens the fresh file at once, then all write at once.
  await Promise.all(writers.map((writer) => writer.waitFor(/ready/)));
  for (const writer of writers) writer.child.stdin!.write('go\n');
  const codes = await Promise.all(writers.map((writer) => writer.exited));

  expect(codes).toEqual([0, 0, 0, 0]);
  for (const writer of writers) {
    expect(JSON.parse(writer.output().stdout.split('\n')[1]!)).toEqual({ written: 1000, errors: [] });
  }
  const db = new Database(path, { readonly: true });
  try {
    expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(4000);
    const rows = db.prepare<[], { sid: string; sess: string }>('SELECT sid, sess FROM sessions').all();
    for (const row of rows) {
      const sess = JSON.parse(row.sess) as { writer: string; n: number };
      expect(row.sid).toBe(`${sess.writer}-${sess.n}`);
    }
  } finally {
    db.close();
  }
});
