// The exercises of every lesson, found on disk like the lessons themselves:
//
//   docs/exercises/NN-slug/N-name/
//     exercise.json   { "title": "…" } (the heading on the lesson page)
//     check.ts        the check: expectations (vitest tests with hints) that
//                     talk to the lesson's code through createApp() or an
//                     exported function, never through its internals
//     solution/…      the reference solution: the lesson files it changes or
//                     adds, as whole files at their path in the lesson folder
//
// The check imports the lesson through '../../../../lessons/NN-slug/…' so that
// it typechecks in place; copied into a workspace's .exercise/ folder, those
// imports become '../…', the workspace's own files.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { listLessons, repoRoot, type Lesson } from './lessons.ts';

export interface Exercise {
  /** `5.1`: the lesson number and the exercise number. */
  id: string;
  lesson: Lesson;
  /** 1 for `1-strict-body`. */
  number: number;
  /** The folder name, e.g. `1-strict-body`. */
  name: string;
  title: string;
  /** Absolute path of docs/exercises/NN-slug/N-name. */
  dir: string;
  /** The lesson files the exercise concerns, relative to the lesson folder: what the solution changes or adds. */
  files: string[];
}

export type ExerciseState = 'not started' | 'failing' | 'passing';

export const exercisesDir = (root = repoRoot) => join(root, 'docs', 'exercises');
/**
 * Where exercise states and reset backups are kept. FORUM_CACHE_DIR and
 * FORUM_PLAYGROUND_DIR move them, for the tooling tests; a playground must
 * stay two folders below a copy of tsconfig.base.json, as lessons/ is.
 */
export const cacheDir = (root = repoRoot) => process.env.FORUM_CACHE_DIR ?? join(root, 'node_modules', '.cache', 'express-forum-lessons');
export const playgroundDir = (root = repoRoot) => process.env.FORUM_PLAYGROUND_DIR ?? join(root, 'playground');
/** What running a lesson produces; never copied into a workspace. */
const notCopied = new Set(['node_modules', '.vitest', '.turbo', '.exercise', 'coverage', 'dist']);
const producedFile = /\.(?:db|sqlite)(?:-wal|-shm|-journal)?$|\.log$/;

export function listExercises(root = repoRoot): Exercise[] {
  return listLessons(root).flatMap((lesson) => {
    const dir = join(exercisesDir(root), lesson.slug);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && /^\d+-[a-z0-9-]+$/.test(entry.name))
      .filter((entry) => existsSync(join(dir, entry.name, 'exercise.json')))
      .map((entry) => {
        const exerciseDir = join(dir, entry.name);
        const number = Number(entry.name.split('-')[0]);
        const meta = JSON.parse(readFileSync(join(exerciseDir, 'exercise.json'), 'utf8')) as { title?: string };
        if (!meta.title) throw new Error(`${relative(root, exerciseDir)}/exercise.json needs a "title"`);
        return {
          id: `${lesson.number}.${number}`,
          lesson,
          number,
          name: entry.name,
          title: meta.title,
          dir: exerciseDir,
          files: filesUnder(join(exerciseDir, 'solution')),
        };
      })
      .sort((a, b) => a.number - b.number);
  });
}

/** `5.1`, `05.1` or `5-1` → the exercise; undefined when there is none. */
export function findExercise(exercises: Exercise[], choice: string): Exercise | undefined {
  const match = /^0*(\d+)[.-](\d+)$/.exec(choice.trim());
  if (!match) return undefined;
  return exercises.find((exercise) => exercise.id === `${Number(match[1])}.${Number(match[2])}`);
}

function filesUnder(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name), base) : [relative(base, join(dir, entry.name))]))
    .sort();
}

/** The check's source as it runs inside a workspace: its imports point at the workspace's own files. */
export function checkForWorkspace(exercise: Exercise): string {
  const source = readFileSync(join(exercise.dir, 'check.ts'), 'utf8');
  return source
    .replaceAll(`'../../../../lessons/${exercise.lesson.slug}/`, `'../`)
    .replaceAll(`'../../expectation.ts'`, `'./expectation.ts'`);
}

/** Puts the exercise's check in `<workspace>/.exercise/`; returns the check's path relative to the workspace. */
export function installCheck(exercise: Exercise, workspace: string): string {
  const target = join(workspace, '.exercise');
  mkdirSync(target, { recursive: true });
  cpSync(join(exercisesDir(), 'expectation.ts'), join(target, 'expectation.ts'));
  const file = `${exercise.id}.check.ts`;
  writeFileSync(join(target, file), checkForWorkspace(exercise));
  return `.exercise/${file}`;
}

/**
 * Copies a lesson folder (its source, tests and settings, not what running it
 * produced) and links its node_modules, so the copy runs like the lesson.
 */
export function copyLesson(lesson: Lesson, target: string): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(lesson.dir, { withFileTypes: true })) {
    if (notCopied.has(entry.name) || producedFile.test(entry.name)) continue;
    cpSync(join(lesson.dir, entry.name), join(target, entry.name), {
      recursive: true,
      filter: (source) => !producedFile.test(source) && !relative(lesson.dir, source).split(/[\\/]/).some((part) => notCopied.has(part)),
    });
  }
  linkNodeModules(lesson, target);
}

function linkNodeModules(lesson: Lesson, target: string): void {
  const link = join(target, 'node_modules');
  if (existsSync(link)) return;
  symlinkSync(relative(target, join(lesson.dir, 'node_modules')), link, 'junction');
}

/** The region markers that a solution file adds for the docs page, not part of the answer. */
export function withoutAddedRegions(solution: string, starter: string): string {
  const regionName = /^\s*\/\/ #(?:end)?region ([\w-]+)\s*$/;
  const starterRegions = new Set(starter.split('\n').flatMap((line) => regionName.exec(line)?.[1] ?? []));
  return solution
    .split('\n')
    .filter((line) => {
      const name = regionName.exec(line)?.[1];
      return name === undefined || starterRegions.has(name);
    })
    .join('\n');
}

/** Writes the reference solution's files over a lesson copy. */
export function applySolution(exercise: Exercise, workspace: string): void {
  for (const file of exercise.files) {
    const starterPath = join(exercise.lesson.dir, file);
    const starter = existsSync(starterPath) ? readFileSync(starterPath, 'utf8') : '';
    const target = join(workspace, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, withoutAddedRegions(readFileSync(join(exercise.dir, 'solution', file), 'utf8'), starter));
  }
}

/** The reference solution as a unified diff against the lesson's starting code. */
export function solutionDiff(exercise: Exercise): string {
  const scratch = mkdtempSync(join(tmpdir(), 'exercise-diff-'));
  try {
    return exercise.files
      .map((file) => {
        const starterPath = join(exercise.lesson.dir, file);
        const exists = existsSync(starterPath);
        const starter = exists ? readFileSync(starterPath, 'utf8') : '';
        const before = join(scratch, 'before');
        const after = join(scratch, 'after');
        writeFileSync(before, starter);
        writeFileSync(after, withoutAddedRegions(readFileSync(join(exercise.dir, 'solution', file), 'utf8'), starter));
        const result = spawnSync('diff', ['-u', '--label', exists ? `a/${file}` : '/dev/null', '--label', `b/${file}`, before, after], {
          encoding: 'utf8',
        });
        if (result.error) throw new Error(`could not run diff: ${result.error.message}`);
        return result.stdout;
      })
      .join('');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The learner's workspace for a lesson: playground/NN-slug, a copy of the
 * lesson made the first time an exercise of that lesson runs. The lesson
 * folder itself stays as the course ships it, so its tests, the docs and
 * `--reset` always have the starting code to compare with.
 */
export function prepareWorkspace(lesson: Lesson, root = repoRoot): { dir: string; created: boolean } {
  const dir = join(playgroundDir(root), lesson.slug);
  if (existsSync(join(dir, 'package.json'))) {
    linkNodeModules(lesson, dir);
    return { dir, created: false };
  }
  copyLesson(lesson, dir);
  return { dir, created: true };
}

/**
 * Puts the starting code back in the files this exercise concerns, and only
 * those: a file the exercise adds is removed. Every file it replaces or
 * removes is first copied to a backup folder, which is returned.
 */
export function resetExercise(exercise: Exercise, workspace: string, root = repoRoot): { restored: string[]; backup: string | undefined } {
  const restored: string[] = [];
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backup = join(cacheDir(root), 'backups', `${exercise.id}-${stamp}`);
  for (const file of exercise.files) {
    const current = join(workspace, file);
    const starter = join(exercise.lesson.dir, file);
    const starterText = existsSync(starter) ? readFileSync(starter, 'utf8') : undefined;
    const currentText = existsSync(current) ? readFileSync(current, 'utf8') : undefined;
    if (currentText === starterText) continue;
    if (currentText !== undefined) {
      mkdirSync(dirname(join(backup, file)), { recursive: true });
      writeFileSync(join(backup, file), currentText);
    }
    if (starterText === undefined) rmSync(current);
    else {
      mkdirSync(dirname(current), { recursive: true });
      writeFileSync(current, starterText);
    }
    restored.push(file);
  }
  return { restored, backup: restored.length > 0 && existsSync(backup) ? backup : undefined };
}

const stateFile = (root: string) => join(cacheDir(root), 'exercises.json');

/** The state of every exercise that was ever run, by id; the others are not started. */
export function readStates(root = repoRoot): Record<string, ExerciseState> {
  try {
    return JSON.parse(readFileSync(stateFile(root), 'utf8')) as Record<string, ExerciseState>;
  } catch {
    return {};
  }
}

export function saveState(id: string, state: ExerciseState, root = repoRoot): void {
  const states = readStates(root);
  if (state === 'not started') delete states[id];
  else states[id] = state;
  mkdirSync(cacheDir(root), { recursive: true });
  writeFileSync(stateFile(root), `${JSON.stringify(states, null, 2)}\n`);
}

export interface CheckResult {
  /** The check file, relative to the vitest root. */
  file: string;
  passed: boolean;
  expectations: { name: string; passed: boolean; message?: string; hint?: string }[];
  /** Set when the file could not run at all (a syntax error, a missing module). */
  error?: string;
}

interface VitestJson {
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { title: string; status: string; failureMessages: string[] }[];
  }[];
}

const vitestCli = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
const checkConfig = join(repoRoot, 'scripts', 'exercise.vitest.config.ts');

/**
 * Runs check files under `root` in one vitest run and reads its JSON report.
 * `files` are paths relative to `root`, or omitted for every `.exercise/*.check.ts`.
 */
export function runChecks(root: string, files: string[] = [], options: { maxWorkers?: number; quiet?: boolean } = {}): CheckResult[] {
  const report = join(mkdtempSync(join(tmpdir(), 'exercise-report-')), 'report.json');
  try {
    const result = spawnSync(
      process.execPath,
      [
        vitestCli,
        'run',
        '--config',
        checkConfig,
        '--root',
        root,
        '--outputFile.json',
        report,
        ...(options.maxWorkers ? ['--maxWorkers', String(options.maxWorkers)] : []),
        ...files,
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
    );
    if (!existsSync(report)) {
      throw new Error(`vitest did not report (exit code ${result.status}):\n${result.stdout}${result.stderr}`);
    }
    const json = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
    return json.testResults.map((file) => {
      const expectations = file.assertionResults.map((assertion) => {
        const failure = assertion.failureMessages[0];
        const passed = assertion.status === 'passed';
        if (passed || failure === undefined) return { name: assertion.title, passed };
        const [message, hint] = failure.split('\nHint: ');
        return {
          name: assertion.title,
          passed,
          message: firstLines(message!),
          hint: hint?.split('\n')[0],
        };
      });
      const error = expectations.length === 0 && file.message ? firstLines(file.message) : undefined;
      return {
        file: relative(root, file.name),
        passed: file.status === 'passed' && expectations.length > 0 && expectations.every((e) => e.passed),
        expectations,
        error,
      };
    });
  } finally {
    rmSync(dirname(report), { recursive: true, force: true });
  }
}

function firstLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .slice(0, 6)
    .join('\n')
    .trim();
}

export interface Proof {
  exercise: Exercise;
  /** The check against the untouched lesson: it must fail. */
  starter: CheckResult | undefined;
  /** The check with the reference solution applied: it must pass. */
  solution: CheckResult | undefined;
  /** tsc's errors in the lesson copy with the solution applied: there must be none. */
  typeErrors: string[];
}

/**
 * Proves every exercise in temporary copies of the lessons: one copy per
 * lesson holds the starter code and all that lesson's checks, one copy per
 * exercise holds the reference solution and its check, and a single vitest
 * run executes them all.
 */
export function proveExercises(exercises = listExercises(), options: { maxWorkers?: number } = {}): Proof[] {
  const scratch = mkdtempSync(join(tmpdir(), 'exercise-proof-'));
  try {
    // Copies sit two levels down, like lessons/NN-slug, so that their
    // tsconfig.json finds '../../tsconfig.base.json'.
    cpSync(join(repoRoot, 'tsconfig.base.json'), join(scratch, 'tsconfig.base.json'));
    // A lesson file that reaches the repository by a relative path
    // ('../../scripts/…', '../../packages/…') finds it from a copy too.
    for (const folder of ['scripts', 'packages']) symlinkSync(join(repoRoot, folder), join(scratch, folder), 'junction');
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
    const starterFile = new Map<string, string>();
    const solutionFile = new Map<string, string>();
    for (const exercise of exercises) {
      const starter = join(scratch, 'copies', `${exercise.lesson.slug}-starter`);
      if (!existsSync(starter)) copyLesson(exercise.lesson, starter);
      starterFile.set(exercise.id, join(relative(scratch, starter), installCheck(exercise, starter)));

      const solved = join(scratch, 'copies', `${exercise.lesson.slug}-solution-${exercise.number}`);
      copyLesson(exercise.lesson, solved);
      applySolution(exercise, solved);
      solutionFile.set(exercise.id, join(relative(scratch, solved), installCheck(exercise, solved)));
    }
    const results = new Map(runChecks(scratch, [], options).map((result) => [result.file, result]));
    const typeErrors = typecheckCopies(scratch);
    return exercises.map((exercise) => ({
      exercise,
      starter: results.get(starterFile.get(exercise.id)!),
      solution: results.get(solutionFile.get(exercise.id)!),
      typeErrors: typeErrors.filter((line) => line.startsWith(`${dirname(dirname(solutionFile.get(exercise.id)!))}/`)),
    }));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** One tsc run over the source and tests of every solution copy; returns its error lines, paths relative to `scratch`. */
function typecheckCopies(scratch: string): string[] {
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      extends: './tsconfig.base.json',
      // `types: ["node"]` is looked up from here, outside the repository.
      compilerOptions: { typeRoots: [join(repoRoot, 'node_modules', '@types')] },
      include: ['copies/*-solution-*/src/**/*.ts', 'copies/*-solution-*/test/**/*.ts'],
    }),
  );
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', 'tsconfig.json'], { cwd: scratch, encoding: 'utf8' });
  if (result.status === 0) return [];
  const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
  const unplaced = errors.filter((line) => !line.startsWith('copies/'));
  if (unplaced.length > 0) throw new Error(`tsc could not check the solutions:\n${unplaced.join('\n')}`);
  if (errors.length === 0) throw new Error(`tsc failed without an error line (exit code ${result.status}):\n${result.stdout}${result.stderr}`);
  return errors;
}

/** True when `path` is a folder. */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
