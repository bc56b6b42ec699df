// `pnpm exercise` as a learner uses it, in a playground and a state folder of
// the test's own (FORUM_PLAYGROUND_DIR, FORUM_CACHE_DIR): the list and its
// remembered states, a check failing with hints and then passing, the
// solution as a diff, and a reset that restores the exercise's files and
// nothing else.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { applySolution, findExercise, listExercises } from '../lib/exercises.ts';
import { repoRoot } from '../lib/lessons.ts';

const hangGuard = 120_000;
// A playground two folders below a tsconfig.base.json, like lessons/NN-slug.
const scratch = mkdtempSync(join(tmpdir(), 'exercise-cli-'));
cpSync(join(repoRoot, 'tsconfig.base.json'), join(scratch, 'tsconfig.base.json'));
const playground = join(scratch, 'playground');
const cache = join(scratch, 'cache');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function exercise(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'exercise.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, FORUM_PLAYGROUND_DIR: playground, FORUM_CACHE_DIR: cache, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: hangGuard - 10_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const strictBody = findExercise(listExercises(), '5.1')!;
const workspace = join(playground, strictBody.lesson.slug);
const lessonFile = (file: string) => readFileSync(join(strictBody.lesson.dir, file), 'utf8');
const workspaceFile = (file: string) => readFileSync(join(workspace, file), 'utf8');

test('the list shows every exercise, not started on a fresh clone', () => {
  const { status, output } = exercise();

  expect(status).toBe(0);
  for (const { id, title } of listExercises()) expect(output).toMatch(new RegExp(`${id.replace('.', '\\.')}\\s+${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+not started`));
  expect(output).toContain(`0 of ${listExercises().length} passing`);
}, hangGuard);

test('an exercise fails on the starting code, names the failing expectation with its hint, and is remembered as failing', () => {
  const { status, output } = exercise('5.1');

  expect(status).toBe(1);
  expect(existsSync(join(workspace, 'package.json'))).toBe(true);
  expect(output).toContain('✗ a body with an unknown key answers 400 and names the key');
  expect(output).toContain('Hint: z.object() drops keys it does not list');
  expect(output).toContain('✓ a body with only the known keys is still created');
  expect(exercise().output).toMatch(/5\.1\s+Refuse keys the schema does not know\s+failing/);
}, hangGuard);

test('with a correct answer in the workspace it passes, and is remembered as passing', () => {
  applySolution(strictBody, workspace);
  const { status, output } = exercise('5.1');

  expect(status).toBe(0);
  expect(output).toContain('4 of 4 expectations met');
  expect(output).toContain('Passing.');
  expect(exercise().output).toMatch(/5\.1\s+Refuse keys the schema does not know\s+passing/);
  expect(exercise().output).toContain(`1 of ${listExercises().length} passing`);
}, hangGuard);

test('--reset restores the files the exercise concerns, keeps a backup, and leaves other work alone', () => {
  const concerned = 'src/schemas/users.ts';
  expect(strictBody.files).toEqual([concerned]);
  const learnerVersion = workspaceFile(concerned);
  expect(learnerVersion).not.toBe(lessonFile(concerned));
  // Work of the learner's that the exercise does not concern.
  writeFileSync(join(workspace, 'src', 'notes.ts'), 'export const note = 1;\n');
  const changedApp = `${workspaceFile('src/app.ts')}// my own comment\n`;
  writeFileSync(join(workspace, 'src', 'app.ts'), changedApp);
  mkdirSync(join(workspace, 'scratch'));
  writeFileSync(join(workspace, 'scratch', 'todo.txt'), 'try PATCH next');

  const { status, output } = exercise('5.1', '--reset');

  expect(status).toBe(0);
  expect(output).toContain(`starting code restored in`);
  expect(workspaceFile(concerned)).toBe(lessonFile(concerned));
  expect(workspaceFile('src/notes.ts')).toBe('export const note = 1;\n');
  expect(workspaceFile('src/app.ts')).toBe(changedApp);
  expect(workspaceFile('scratch/todo.txt')).toBe('try PATCH next');
  const backups = readdirSync(join(cache, 'backups'));
  expect(backups).toHaveLength(1);
  expect(readFileSync(join(cache, 'backups', backups[0]!, concerned), 'utf8')).toBe(learnerVersion);
  expect(exercise().output).toMatch(/5\.1\s+Refuse keys the schema does not know\s+not started/);
  // The lesson folder itself was never written to.
  expect(lessonFile(concerned)).not.toContain('strictObject');
}, hangGuard);

test('--reset removes a file the exercise adds, and only that one', () => {
  const cached = findExercise(listExercises(), '2.3')!;
  exercise('2.3');
  const dir = join(playground, cached.lesson.slug);
  applySolution(cached, dir);
  expect(existsSync(join(dir, 'src', 'cached-notice.ts'))).toBe(true);

  exercise('2.3', '--reset');

  expect(existsSync(join(dir, 'src', 'cached-notice.ts'))).toBe(false);
  expect(readFileSync(join(dir, 'src', 'server.ts'), 'utf8')).toBe(readFileSync(join(cached.lesson.dir, 'src', 'server.ts'), 'utf8'));
  expect(existsSync(join(dir, 'src', 'app.ts'))).toBe(true);
}, hangGuard);

test('--solution prints the reference solution as a diff against the starting code, without the docs\' region markers', () => {
  const { status, output } = exercise('5.1', '--solution');

  expect(status).toBe(0);
  expect(output).toContain('--- a/src/schemas/users.ts');
  expect(output).toContain('+++ b/src/schemas/users.ts');
  expect(output).toMatch(/^-export const newUserBody = z\.object\(/m);
  expect(output).toMatch(/^\+export const newUserBody = z\.strictObject\(/m);
  expect(output).not.toContain('#region strict');
  // A new file is a diff from /dev/null.
  expect(exercise('2.3', '--solution').output).toContain('--- /dev/null\n+++ b/src/cached-notice.ts');
}, hangGuard);

test('an exercise that does not exist is refused with the way to list them', () => {
  const { status, output } = exercise('5.9');

  expect(status).toBe(2);
  expect(output).toContain('No exercise "5.9". Run `pnpm exercise` for the list');
}, hangGuard);

test('--watch runs the check again when a file in the workspace is saved, and ends on SIGTERM', async () => {
  exercise('5.1', '--reset');
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'exercise.ts'), '5.1', '--watch'], {
    cwd: repoRoot,
    env: { ...process.env, FORUM_PLAYGROUND_DIR: playground, FORUM_CACHE_DIR: cache, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const seen = (text: string) =>
    new Promise<void>((resolve) => {
      const look = () => {
        if (output.includes(text)) resolve();
      };
      child.stdout!.on('data', look);
      look();
    });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    await seen('Watching for changes');
    expect(output).toContain('Failing.');
    applySolution(strictBody, workspace);
    await seen('Passing.');
    expect(output).toContain('users.ts changed');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
  }
}, hangGuard);
