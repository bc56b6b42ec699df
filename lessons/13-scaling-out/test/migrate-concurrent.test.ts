import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect, onTestFinished, test } from 'vitest';
import { migrations } from '../src/db.ts';

const fixture = fileURLToPath(new URL('./fixtures/open-databases.ts', import.meta.url));

/** Starts a process that opens the round's files when told "go", and collects its output. */
function opener(dir: string, rounds: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir, String(rounds)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => output.includes('ready\n') && resolve());
    child.on('exit', () => reject(new Error(`exited before it was ready:\n${output}`)));
  });
  const exited = once(child, 'exit');
  return { child, ready, exited, output: () => output };
}

// #region concurrent-start-test
test('servers starting at the same moment on a new file all start, and the schema is complete', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'forum-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const rounds = 25;
  const openers = Array.from({ length: 4 }, () => opener(dir, rounds));
  await Promise.all(openers.map((o) => o.ready));

  // Every process opens forum-0.db, then forum-1.db, …, at the same time.
  for (const o of openers) o.child.stdin.end('go\n');
  await Promise.all(openers.map((o) => o.exited));

  for (const o of openers) {
    expect(o.output().split('\n').filter((line) => line.startsWith('failed'))).toEqual([]);
  }
  for (let round = 0; round < rounds; round++) {
    const db = new Database(join(dir, `forum-${round}.db`), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('users')).toContain('password_hash');
    db.close();
  }
});
// #endregion concurrent-start-test
