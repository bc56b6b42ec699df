// `pnpm seed N` against databases of the test's own (--database … --force),
// never a lesson's forum.db: the same data every time, shaped by each
// lesson's schema, passwords that the lesson accepts at login, and refusals.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { listLessons, repoRoot, type Lesson } from '../lib/lessons.ts';
import { accounts, seedLesson } from '../lib/seed.ts';

const hangGuard = 120_000;
const scratch = mkdtempSync(join(tmpdir(), 'seed-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lessons = listLessons();
const withDatabase = lessons.filter((lesson) => existsSync(join(lesson.dir, 'src', 'db.ts')));
const withoutDatabase = lessons.filter((lesson) => !withDatabase.includes(lesson));
/** The first lesson with posts and replies (lesson 09): every part of the seed. */
const forumLesson = withDatabase.find((lesson) => existsSync(join(lesson.dir, 'src', 'routes', 'posts.ts')))!;

function seed(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'seed.ts'), ...args], {
    cwd: repoRoot,
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
  const { status, output } = seed(String(forumLesson.number), '--database', path, '--force');
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
  const { status, output } = seed(String(forumLesson.number), '--database', path);

  expect(status).toBe(1);
  expect(output).toContain(`Refusing to seed ${path}: it is not lesson ${forumLesson.slug.slice(0, 2)}'s default database`);
  expect(output).toContain('--force');
  expect(existsSync(path)).toBe(false);
}, hangGuard);

test('a lesson without a database says so and exits non-zero', () => {
  const lesson = withoutDatabase[0]!;
  const { status, output } = seed(String(lesson.number));

  expect(status).toBe(1);
  expect(output).toContain(`Lesson ${lesson.slug.slice(0, 2)} (${lesson.title}) has no database, so there is nothing to seed.`);
}, hangGuard);

test('a lesson that does not exist is refused with the usage', () => {
  const { status, output } = seed('99');

  expect(status).toBe(2);
  expect(output).toContain('Usage: pnpm seed <lesson number>');
}, hangGuard);
