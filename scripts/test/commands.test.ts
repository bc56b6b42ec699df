// `pnpm NAME` runs the root script NAME only when NAME is not one of pnpm's
// own commands: `pnpm docs` once opened npm's package page instead of this
// site. These tests take every `pnpm …` line of the README's bash blocks and
// check that the project's own script answers it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { listLessons, repoRoot } from '../lib/lessons.ts';

const hangGuard = 120_000;
/** pnpm's own commands that the README means as pnpm's own. */
const builtInsOnPurpose = new Set(['install']);

/** Every `pnpm NAME …` line in the ```bash blocks of a Markdown file, after any `VAR=value` prefixes. */
function documentedCommands(markdown: string): { name: string; line: string }[] {
  const blocks = [...markdown.matchAll(/^```bash\n([\s\S]*?)^```/gm)].map((match) => match[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .flatMap((line) => line.replace(/#.*$/, '').split(/&&|;/))
    .map((command) => command.trim().replace(/^(?:[A-Z_]+=\S*\s+)+/, ''))
    .filter((command) => command.startsWith('pnpm '))
    .map((command) => ({ name: command.split(/\s+/)[1]!, line: command }));
}

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const rootScripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const documented = documentedCommands(readme);
const scriptNames = [...new Set(documented.map(({ name }) => name).filter((name) => !builtInsOnPurpose.has(name)))];

test('the README documents the commands a newcomer needs', () => {
  expect(scriptNames).toEqual(expect.arrayContaining(['dev', 'lessons', 'test', 'site', 'site:build', 'checkup', 'seed', 'exercise']));
});

test('every pnpm command in the README is a root script (or pnpm install)', () => {
  for (const { name, line } of documented) {
    if (builtInsOnPurpose.has(name)) continue;
    expect(Object.keys(rootScripts), `README: ${line}`).toContain(name);
  }
});

test('pnpm runs the project script, not a command of its own, for every script the README documents', () => {
  // A package whose scripts only print their name, in a folder of its own with
  // a HOME of its own: if pnpm ever answers with a built-in instead, it runs
  // there and opens no browser (npm's `docs` honours `browser=false`).
  const dir = mkdtempSync(join(tmpdir(), 'pnpm-shadow-'));
  try {
    const scripts = Object.fromEntries(scriptNames.map((name) => [name, `echo project-script:${name}`]));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shadow-check', private: true, scripts }));
    for (const name of scriptNames) {
      const result = spawnSync('pnpm', [name], {
        cwd: dir,
        env: { ...process.env, HOME: dir, npm_config_browser: 'false', npm_config_update_notifier: 'false' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.stdout, `pnpm ${name}: ${result.stdout}${result.stderr}`).toContain(`project-script:${name}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, hangGuard);

test('`pnpm lessons` lists every lesson', () => {
  const result = spawnSync('pnpm', ['lessons'], { cwd: repoRoot, encoding: 'utf8', timeout: hangGuard - 10_000 });

  expect(result.status).toBe(0);
  expect(result.stdout).toContain('Lessons (run one with `pnpm dev <number>`)');
  for (const lesson of listLessons()) expect(result.stdout).toContain(`${lesson.slug.slice(0, 2)}  ${lesson.title}`);
}, hangGuard);

test('`pnpm dev` at the root is the lesson runner', () => {
  const result = spawnSync('pnpm', ['dev', 'no-such-lesson'], { cwd: repoRoot, encoding: 'utf8', timeout: hangGuard - 10_000 });

  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('No lesson matches "no-such-lesson"');
}, hangGuard);

test('`pnpm dev` in a lesson folder ends, with the server\'s one-line message, when the server refuses to start', () => {
  const lesson = listLessons()[0]!;
  const result = spawnSync('pnpm', ['dev'], {
    cwd: lesson.dir,
    env: { ...process.env, PORT: 'eighty' },
    encoding: 'utf8',
    timeout: hangGuard - 10_000,
  });

  expect(result.error).toBeUndefined();
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('PORT must be a whole number from 0 to 65535, got "eighty"');
}, hangGuard);

test('documentedCommands reads pnpm lines, skips comments and variable prefixes', () => {
  const markdown = [
    '```bash',
    'git clone x && cd x',
    'PORT=4000 pnpm dev 3  # another port',
    'npm install -g pnpm@10',
    'pnpm install',
    '```',
    '```sh',
    'pnpm not-bash',
    '```',
  ].join('\n');

  expect(documentedCommands(markdown)).toEqual([
    { name: 'dev', line: 'pnpm dev 3' },
    { name: 'install', line: 'pnpm install' },
  ]);
});

// The learner's loop, through pnpm at the root: each answer comes from our script.
test('`pnpm checkup` at the root is our checkup, not pnpm\'s doctor', () => {
  const result = spawnSync('pnpm', ['checkup'], { cwd: repoRoot, env: { ...process.env, PORT: '0' }, encoding: 'utf8', timeout: hangGuard - 10_000 });

  expect(result.stdout).toContain('Checking this machine for the course');
  expect(result.stdout).toMatch(/✓ better-sqlite3\s+loads in Node/);
}, hangGuard);

test('`pnpm exercise` at the root lists the exercises', () => {
  const result = spawnSync('pnpm', ['exercise'], { cwd: repoRoot, encoding: 'utf8', timeout: hangGuard - 10_000 });

  expect(result.status).toBe(0);
  expect(result.stdout).toContain('Exercises (run one with `pnpm exercise <lesson>.<number>`');
  expect(result.stdout).toMatch(/5\.1\s+Refuse keys the schema does not know/);
}, hangGuard);

test('`pnpm seed` at the root is our seed: a lesson without a database is refused', () => {
  const result = spawnSync('pnpm', ['seed', '1'], { cwd: repoRoot, encoding: 'utf8', timeout: hangGuard - 10_000 });

  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('has no database, so there is nothing to seed');
}, hangGuard);
