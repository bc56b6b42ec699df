// Check for lesson 06, exercise 3: the server keeps sessions in sessions.db,
// next to the app's database, and closes both files on shutdown. It starts the
// real server (src/server.ts) on a free port, as `pnpm start` would.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect, onTestFinished } from 'vitest';
import { expectation } from '../../expectation.ts';

const serverFile = fileURLToPath(new URL('../../../../lessons/06-sessions/src/server.ts', import.meta.url));

/** Starts the server with its database in a new folder, opens one session, stops it with SIGTERM. */
async function runServerOnce(): Promise<{ dir: string; exitCode: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'forum-exercise-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const server = spawn(process.execPath, ['--import', 'tsx', serverFile], {
    cwd: dirname(dirname(serverFile)),
    env: { ...process.env, PORT: '0', NODE_ENV: 'development', LOG_REQUESTS: 'false', DATABASE_PATH: join(dir, 'forum.db') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => server.on('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`the server stopped before it listened:\n${output}`)));
  });
  const res = await fetch(`${url}/api/v1/session`);
  expect(res.status).toBe(200);
  server.kill('SIGTERM');
  return { dir, exitCode: await exited, output };
}

function tableRows(file: string, table: string): number | undefined {
  const db = new Database(file, { readonly: true });
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    return exists ? (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : undefined;
  } finally {
    db.close();
  }
}

expectation(
  'a session opened on the running server is stored in sessions.db, next to the database',
  'In server.ts, give the SQLiteStore a path (join(dirname(config.databasePath), \'sessions.db\')) instead of the app\'s Database.',
  async () => {
    const { dir } = await runServerOnce();

    expect(existsSync(join(dir, 'sessions.db'))).toBe(true);
    expect(tableRows(join(dir, 'sessions.db'), 'sessions')).toBe(1);
  },
);

expectation(
  'the app\'s database holds no sessions',
  'The store must not get the app\'s db connection any more: with a path, it opens its own.',
  async () => {
    const { dir } = await runServerOnce();

    expect(tableRows(join(dir, 'forum.db'), 'sessions') ?? 0).toBe(0);
  },
);

expectation(
  'on SIGTERM the server exits 0 with both files closed',
  'Close the store (which now closes its own connection) and then the app\'s database; a closed WAL database leaves no -wal file.',
  async () => {
    const { dir, exitCode, output } = await runServerOnce();

    expect(exitCode, output).toBe(0);
    expect(existsSync(join(dir, 'forum.db-wal'))).toBe(false);
    expect(existsSync(join(dir, 'sessions.db-wal'))).toBe(false);
  },
);
