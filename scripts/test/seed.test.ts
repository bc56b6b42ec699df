// `pnpm seed N` against databases of the test's own (--database … --force),
// never a lesson's forum.db: the same data every time, shaped by each
// lesson's schema, passwords that the lesson accepts at login, and refusals.
// A lesson with a PostgreSQL schema (13 on) is also seeded into PostgreSQL,
// each test in a schema of its own, dropped at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { listLessons, repoRoot, type Lesson } from '../lib/lessons.ts';
import { accounts, hasPostgresSchema, hidePassword, seedLesson } from '../lib/seed.ts';

const hangGuard = 120_000;
const scratch = mkdtempSync(join(tmpdir(), 'seed-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lessons = listLessons();
const withDatabase = lessons.filter((lesson) => existsSync(join(lesson.dir, 'src', 'db.ts')));
const withoutDatabase = lessons.filter((lesson) => !withDatabase.includes(lesson));
/** The first lesson with posts and replies (lesson 09): every part of the seed. */
const forumLesson = withDatabase.find((lesson) => existsSync(join(lesson.dir, 'src', 'routes', 'posts.ts')))!;

/** Runs `pnpm seed` with `args`; DATABASE_URL only when `env` sets it, whatever the test's own environment holds. */
function seed(args: string[], env: Record<string, string> = {}) {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'seed.ts'), ...args], {
    cwd: repoRoot,
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: hangGuard - 10_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

type Db = { prepare: (sql: string) => { all: () => unknown[] }; close: () => void };

/** Every row of every table but the password hashes (their salts are random), and the sessions. */
async function contents(lesson: Lesson, path: string): Promise<Record<string, unknown[]>> {
  const { openDatabase } = (await import(pathToFileURL(join(lesson.dir, 'src', 'db.ts')).href)) as { openDatabase: (path: string) => Db };
  const db = openDatabase(path);
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
      .map((row) => row.name)
      .filter((name) => name !== 'sessions');
    return Object.fromEntries(
      tables.map((table) => [
        table,
        db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all().map((row) => ({ ...(row as object), password_hash: undefined })),
      ]),
    );
  } finally {
    db.close();
  }
}

test('seeding is deterministic: twice into two files gives the same rows, and a reseed resets', async () => {
  const first = join(scratch, 'first.db');
  const second = join(scratch, 'second.db');
  await seedLesson(forumLesson, { databasePath: first });
  await seedLesson(forumLesson, { databasePath: second });
  await seedLesson(forumLesson, { databasePath: second });

  const rows = await contents(forumLesson, first);
  expect(await contents(forumLesson, second)).toEqual(rows);
  expect(rows.users).toHaveLength(accounts.length);
  expect(rows.posts!.length).toBeGreaterThan(0);
  expect(rows.replies!.length).toBeGreaterThan(0);
}, hangGuard);

test('--keep adds nothing twice', async () => {
  const path = join(scratch, 'keep.db');
  await seedLesson(forumLesson, { databasePath: path });
  const before = await contents(forumLesson, path);
  await seedLesson(forumLesson, { databasePath: path, keep: true });

  expect(await contents(forumLesson, path)).toEqual(before);
}, hangGuard);

test.for(withDatabase.map((lesson) => [lesson.slug, lesson] as const))(
  '%s: the seed fits the lesson\'s schema',
  { timeout: hangGuard },
  async ([, lesson]) => {
    const path = join(scratch, `${lesson.slug}.db`);
    const result = await seedLesson(lesson, { databasePath: path });

    expect(result.tables).toContain('users');
    expect((await contents(lesson, path)).users).toHaveLength(accounts.length);
  },
);

test('the printed passwords log in on the lesson\'s own app, and pending members are pending', async () => {
  const path = join(scratch, 'login.db');
  const { status, output } = seed([String(forumLesson.number), '--database', path, '--force']);
  expect(status, output).toBe(0);
  for (const account of accounts) expect(output).toContain(account.password);

  const helpers = (await import(pathToFileURL(join(forumLesson.dir, 'test', 'helpers.ts')).href)) as {
    makeApp: (options: { databasePath: string }) => { app: unknown };
  };
  // supertest is the lesson's (scripts/ does not depend on it); the little of it used here.
  type Answer = { status: number; body: Record<string, unknown> };
  type Agent = { post: (path: string) => { send: (body: object) => PromiseLike<Answer> }; get: (path: string) => PromiseLike<Answer> };
  const request = createRequire(join(forumLesson.dir, 'package.json'))('supertest') as { agent: (app: unknown) => Agent };
  const { app } = helpers.makeApp({ databasePath: path });
  for (const account of accounts) {
    const agent = request.agent(app);
    expect((await agent.post('/api/v1/auth/login').send({ email: account.email, password: account.password })).status, account.username).toBe(200);
    const me = await agent.get('/api/v1/auth/me');
    expect(me.body).toMatchObject({ username: account.username, status: account.status, role: account.role });
  }
}, hangGuard);

test('a database that is not the lesson\'s default is refused without --force, and left alone', () => {
  const path = join(scratch, 'not-the-default.db');
  const { status, output } = seed([String(forumLesson.number), '--database', path]);

  expect(status).toBe(1);
  expect(output).toContain(`Refusing to seed ${path}: it is not lesson ${forumLesson.slug.slice(0, 2)}'s default database`);
  expect(output).toContain('--force');
  expect(existsSync(path)).toBe(false);
}, hangGuard);

test('a lesson without a database says so and exits non-zero', () => {
  const lesson = withoutDatabase[0]!;
  const { status, output } = seed([String(lesson.number)]);

  expect(status).toBe(1);
  expect(output).toContain(`Lesson ${lesson.slug.slice(0, 2)} (${lesson.title}) has no database, so there is nothing to seed.`);
}, hangGuard);

test('a lesson that does not exist is refused with the usage', () => {
  const { status, output } = seed(['99']);

  expect(status).toBe(2);
  expect(output).toContain('Usage: pnpm seed <lesson number>');
}, hangGuard);

// #region postgres
// PostgreSQL, as the lessons' own tests find it: DATABASE_URL, or the
// server on this machine. Each test gets a schema of its own (the URL's
// search_path), dropped at the end, so runs side by side never meet.
// Without a server the tests are skipped with one line saying why; in CI
// (CI=true) that is a failure.
const postgresLesson = withDatabase.find(hasPostgresSchema)!;
const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Pool = {
  query: <Row>(sql: string, values?: unknown[]) => Promise<{ rows: Row[] }>;
  end: () => Promise<void>;
  on: (event: 'error', listener: () => void) => void;
};
// node-postgres is the lesson's dependency; scripts/ does not have one.
const pg = createRequire(join(postgresLesson.dir, 'package.json'))('pg') as {
  Pool: new (config: { connectionString: string; max?: number; connectionTimeoutMillis?: number }) => Pool;
};

function openPool(url: string): Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 3000 });
  pool.on('error', () => {});
  return pool;
}

const admin = openPool(postgresUrl);
const postgresDown = await admin.query('SELECT 1').then(
  () => undefined,
  (error: Error & { code?: string }) => error.code ?? error.message,
);
const postgresWhy = `${hidePassword(postgresUrl)} does not answer (${postgresDown}); set DATABASE_URL, or start PostgreSQL (lessons/${postgresLesson.slug}: docker compose up -d)`;
if (postgresDown !== undefined && process.env.CI === 'true') {
  test('PostgreSQL answers for the seed tests', () => {
    throw new Error(`${postgresWhy}. CI must run the PostgreSQL seed tests.`);
  });
}
if (postgresDown !== undefined && process.env.CI !== 'true') console.warn(`Skipping the PostgreSQL seed tests: ${postgresWhy}.`);

const schemas: string[] = [];
afterAll(async () => {
  if (postgresDown === undefined) for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

/** A new, empty schema, and the URL whose connections use it. */
async function freshSchema(): Promise<string> {
  const schema = `seed_test_${process.pid}_${schemas.length}_${Date.now().toString(36)}`;
  schemas.push(schema);
  await admin.query(`CREATE SCHEMA "${schema}"`);
  return `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
}

/** Every row of the forum's tables in a schema, as contents() gives SQLite's: times as ISO strings, no password hashes. */
async function postgresContents(url: string): Promise<Record<string, unknown[]>> {
  const pool = openPool(url);
  try {
    const tables = ['posts', 'replies', 'users'];
    const iso = (row: object) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]));
    return Object.fromEntries(
      await Promise.all(
        tables.map(async (table) => [
          table,
          (await pool.query<object>(`SELECT * FROM "${table}" ORDER BY id`)).rows.map((row) => ({ ...iso(row), password_hash: undefined })),
        ]),
      ),
    );
  } finally {
    await pool.end();
  }
}

const postgresTitle =
  postgresDown === undefined
    ? `${postgresLesson.slug} on PostgreSQL`
    : `${postgresLesson.slug} on PostgreSQL (skipped: ${postgresWhy})`;

describe.skipIf(postgresDown !== undefined)(postgresTitle, () => {
  test('the same rows as in SQLite, ids and times included; a reseed resets, --keep adds nothing twice', async () => {
    const url = await freshSchema();
    const sqlite = join(scratch, 'postgres-twin.db');
    await seedLesson(postgresLesson, { databasePath: sqlite });
    const result = await seedLesson(postgresLesson, { databaseUrl: url });
    const rows = await postgresContents(url);

    expect(result).toMatchObject({ engine: 'postgres', database: hidePassword(url), posts: rows.posts!.length, replies: rows.replies!.length });
    expect(result.tables).toEqual(expect.arrayContaining(['posts', 'replies', 'users']));
    const { users, posts: postRows, replies } = await contents(postgresLesson, sqlite);
    expect(rows).toEqual({ users, posts: postRows, replies });

    await seedLesson(postgresLesson, { databaseUrl: url });
    expect(await postgresContents(url)).toEqual(rows);
    await seedLesson(postgresLesson, { databaseUrl: url, keep: true });
    expect(await postgresContents(url)).toEqual(rows);
  }, hangGuard);

  test('`DATABASE_URL=… pnpm seed 13`: the printed passwords log in on the lesson\'s own app on PostgreSQL', async () => {
    const url = await freshSchema();
    const { status, output } = seed([String(postgresLesson.number)], { DATABASE_URL: url });
    expect(status, output).toBe(0);
    expect(output).toContain(`Seeded PostgreSQL at ${hidePassword(url)} for lesson ${postgresLesson.slug.slice(0, 2)}`);

    const lesson = (file: string) => import(pathToFileURL(join(postgresLesson.dir, 'src', file)).href);
    const { loadConfig } = (await lesson('config.ts')) as { loadConfig: (env: Record<string, string>) => { logLevel: string } };
    const { createLogger } = (await lesson('logger.ts')) as { createLogger: (config: object) => unknown };
    const { openConnections } = (await lesson('connections.ts')) as {
      openConnections: (config: object, logger: unknown) => Promise<{ postgres?: unknown; close: () => Promise<void> }>;
    };
    const { createApp } = (await lesson('app.ts')) as {
      createApp: (config: object, overrides: object) => { app: unknown; close: () => void };
    };
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, SESSION_STORE: 'memory', LOG_LEVEL: 'silent', LOG_REQUESTS: 'false' });
    const logger = createLogger(config);
    const connections = await openConnections(config, logger);
    const forum = createApp(config, { logger, postgres: connections.postgres });
    try {
      type Answer = { status: number; body: Record<string, unknown> };
      type Agent = { post: (path: string) => { send: (body: object) => PromiseLike<Answer> }; get: (path: string) => PromiseLike<Answer> };
      const request = createRequire(join(postgresLesson.dir, 'package.json'))('supertest') as { agent: (app: unknown) => Agent };
      for (const account of accounts) {
        const agent = request.agent(forum.app);
        expect((await agent.post('/api/v1/auth/login').send({ email: account.email, password: account.password })).status, account.username).toBe(200);
        expect((await agent.get('/api/v1/auth/me')).body).toMatchObject({ username: account.username, status: account.status, role: account.role });
      }
    } finally {
      forum.close();
      await connections.close();
    }
  }, hangGuard);
});

test('a PostgreSQL that does not answer is refused in one line that names DATABASE_URL\'s server and how to start it', async () => {
  // A port nobody listens on: taken from the system, then given back.
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
  const url = `postgres://forum:secret@127.0.0.1:${port}/forum`;
  const { status, output } = seed([String(postgresLesson.number)], { DATABASE_URL: url });

  expect(status).toBe(1);
  expect(output.trim().split('\n')).toEqual([
    `Could not seed postgres://forum:***@127.0.0.1:${port}/forum: nothing is listening there. Start PostgreSQL (in lessons/${postgresLesson.slug}: docker compose up -d), or unset DATABASE_URL to seed the lesson's SQLite database.`,
  ]);
}, hangGuard);

test('DATABASE_URL with --database is refused, and only lessons with a PostgreSQL schema read DATABASE_URL', () => {
  const path = join(scratch, 'both.db');
  const refused = seed([String(postgresLesson.number), '--database', path, '--force'], { DATABASE_URL: 'postgres://forum@127.0.0.1:1/forum' });
  expect(refused.status).toBe(1);
  expect(refused.output).toContain(`DATABASE_URL is set, so lesson ${postgresLesson.slug.slice(0, 2)} keeps its data in PostgreSQL, not in a SQLite file`);
  expect(existsSync(path)).toBe(false);

  const earlier = seed([String(forumLesson.number), '--database', path, '--force'], { DATABASE_URL: 'postgres://forum@127.0.0.1:1/forum' });
  expect(earlier.status, earlier.output).toBe(0);
  expect(earlier.output).toContain(`Seeded ${path} for lesson ${forumLesson.slug.slice(0, 2)}`);
}, hangGuard);
// #endregion postgres
