// `pnpm exercise`: the exercises on the lesson pages, checked.
//
//   pnpm exercise                 every exercise and its state (not started, failing, passing)
//   pnpm exercise 5.1             prepares playground/05-validation and runs the check
//   pnpm exercise 5.1 --watch     runs the check again on every save
//   pnpm exercise 5.1 --solution  the reference solution, as a diff against the starting code
//   pnpm exercise 5.1 --reset     puts the starting code back in the files the exercise concerns
//   pnpm exercise --prove         (instructors) every check fails on the starter and passes with its solution
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/lessons.ts';
import {
  findExercise,
  installCheck,
  isFolder,
  listExercises,
  playgroundDir,
  prepareWorkspace,
  proveExercises,
  readStates,
  resetExercise,
  runChecks,
  saveState,
  solutionDiff,
  type CheckResult,
  type Exercise,
} from './lib/exercises.ts';

// `pnpm exercise | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const usage = 'Usage: pnpm exercise [<lesson>.<number> [--watch | --solution | --reset]] | pnpm exercise --prove';

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      watch: { type: 'boolean', default: false },
      solution: { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
      prove: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
try {
  args = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}

const exercises = listExercises();
const { values, positionals } = args;
const show = (path: string) => relative(repoRoot, path) || '.';

if (values.help) {
  console.log(usage);
} else if (values.prove) {
  process.exit(prove());
} else if (positionals.length === 0) {
  list();
} else {
  const exercise = positionals.length === 1 ? findExercise(exercises, positionals[0]!) : undefined;
  if (!exercise) {
    console.error(`No exercise "${positionals.join(' ')}". Run \`pnpm exercise\` for the list; name one as <lesson>.<number>, e.g. 5.1.`);
    process.exit(2);
  }
  if ([values.watch, values.solution, values.reset].filter(Boolean).length > 1) {
    console.error(`Choose one of --watch, --solution and --reset.\n${usage}`);
    process.exit(2);
  }
  if (values.solution) process.stdout.write(solution(exercise));
  else if (values.reset) reset(exercise);
  else if (values.watch) await watchCheck(exercise);
  else process.exit(check(exercise) ? 0 : 1);
}

function list(): void {
  const states = readStates();
  console.log('Exercises (run one with `pnpm exercise <lesson>.<number>`; your answers go in playground/)');
  let lessonNumber = 0;
  for (const exercise of exercises) {
    if (exercise.lesson.number !== lessonNumber) {
      lessonNumber = exercise.lesson.number;
      console.log(`\n${exercise.lesson.slug.slice(0, 2)}  ${exercise.lesson.title}`);
    }
    const state = states[exercise.id] ?? 'not started';
    console.log(`  ${exercise.id.padEnd(6)}${exercise.title.padEnd(52)} ${state}`);
  }
  const passing = exercises.filter((exercise) => states[exercise.id] === 'passing').length;
  console.log(`\n${passing} of ${exercises.length} passing`);
}

function check(exercise: Exercise): boolean {
  const { dir, created } = prepareWorkspace(exercise.lesson);
  console.log(`Exercise ${exercise.id}: ${exercise.title} (lesson ${exercise.lesson.slug})`);
  console.log(
    created
      ? `Your workspace: ${show(dir)}, a copy of ${show(exercise.lesson.dir)} made just now. Edit the files there.`
      : `Your workspace: ${show(dir)}`,
  );
  const file = installCheck(exercise, dir);
  let result: CheckResult | undefined;
  try {
    result = runChecks(dir, [file])[0];
  } catch (error) {
    console.error((error as Error).message);
  }
  const passed = result?.passed ?? false;
  saveState(exercise.id, passed ? 'passing' : 'failing');
  console.log(`\n${report(result)}\n`);
  if (passed) {
    console.log(`Passing. Compare with the reference: pnpm exercise ${exercise.id} --solution`);
  } else {
    console.log(`Failing. Edit ${show(dir)}, then run \`pnpm exercise ${exercise.id}\` again (or add --watch).`);
    console.log(`Try your server: pnpm --dir ${show(dir)} dev`);
  }
  return passed;
}

/** The expectations, one line each, with the failure and the hint under each failing one. */
function report(result: CheckResult | undefined): string {
  if (!result) return '  ✗ the check did not run (see above)';
  if (result.error) return `  ✗ the check could not run:\n${indent(result.error, 6)}`;
  const lines = result.expectations.flatMap((expectation) =>
    expectation.passed
      ? [`  ✓ ${expectation.name}`]
      : [`  ✗ ${expectation.name}`, indent(expectation.message ?? 'failed', 6), ...(expectation.hint ? [`      Hint: ${expectation.hint}`] : [])],
  );
  const passing = result.expectations.filter((expectation) => expectation.passed).length;
  return `${lines.join('\n')}\n\n${passing} of ${result.expectations.length} expectations met`;
}

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}

function solution(exercise: Exercise): string {
  return `Reference solution for ${exercise.id}, ${exercise.title}, as a diff against ${show(exercise.lesson.dir)}:\n\n${solutionDiff(exercise)}`;
}

function reset(exercise: Exercise): void {
  const workspace = join(playgroundDir(), exercise.lesson.slug);
  if (!isFolder(workspace)) {
    console.log(`Nothing to reset: ${show(workspace)} does not exist yet (\`pnpm exercise ${exercise.id}\` creates it).`);
    return;
  }
  const { restored, backup } = resetExercise(exercise, workspace);
  saveState(exercise.id, 'not started');
  if (restored.length === 0) {
    console.log(`${exercise.id}: the files it concerns (${exercise.files.join(', ')}) already hold the starting code.`);
    return;
  }
  console.log(`${exercise.id}: starting code restored in ${show(workspace)}: ${restored.join(', ')}`);
  if (backup) console.log(`Your versions were saved in ${show(backup)}`);
  console.log('Nothing else in the workspace was touched.');
}

async function watchCheck(exercise: Exercise): Promise<void> {
  check(exercise);
  const workspace = join(playgroundDir(), exercise.lesson.slug);
  let timer: NodeJS.Timeout | undefined;
  // One watcher per folder, all in place before the prompt: Node 20's
  // recursive watch on Linux sets itself up later and can miss a first save.
  const watchers: FSWatcher[] = ['src', 'test']
    .map((folder) => join(workspace, folder))
    .filter(isFolder)
    .flatMap(foldersUnder)
    .map((folder) =>
      watch(folder, (_event, name) => {
        if (!name || !/\.(?:[cm]?[jt]s|json)$/.test(name.toString())) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          console.log(`\n${'─'.repeat(60)}\n${relative(workspace, join(folder, name.toString()))} changed\n`);
          check(exercise);
        }, 150);
      }),
    );
  console.log('\nWatching for changes; Ctrl+C ends.');
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  for (const watcher of watchers) watcher.close();
  clearTimeout(timer);
}

/** `dir` and every folder below it. */
function foldersUnder(dir: string): string[] {
  return [
    dir,
    ...readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => foldersUnder(join(dir, entry.name))),
  ];
}

function prove(): number {
  const proofs = proveExercises(exercises, { maxWorkers: 2 });
  let failures = 0;
  for (const { exercise, starter, solution: solved, typeErrors } of proofs) {
    const starterFails = starter !== undefined && !starter.passed && starter.error === undefined;
    const solutionPasses = solved?.passed === true;
    if (!starterFails || !solutionPasses || typeErrors.length > 0) failures++;
    const verdict = [
      starterFails ? 'fails on the starter' : starter?.error ? 'DOES NOT LOAD ON THE STARTER' : 'PASSES ON THE STARTER',
      solutionPasses ? 'passes with the solution' : 'FAILS WITH THE SOLUTION',
      ...(typeErrors.length > 0 ? [`${typeErrors.length} TYPE ERROR(S) IN THE SOLUTION`] : []),
    ];
    console.log(`${exercise.id.padEnd(6)}${exercise.title.padEnd(52)} ${verdict.join(', ')}`);
    if (starter?.error) console.log(indent(starter.error, 4));
    if (!solutionPasses) console.log(indent(report(solved), 4));
    for (const line of typeErrors) console.log(`    ${line}`);
  }
  console.log(`\n${proofs.length - failures} passed, ${failures} failed`);
  return failures === 0 ? 0 : 1;
}
