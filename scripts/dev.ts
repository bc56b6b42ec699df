// `pnpm dev [lesson]`: starts one lesson's server and restarts it when you
// save a file, as `pnpm dev` in the lesson folder does (both use
// lib/watch.ts). `pnpm dev 7`, `pnpm dev 07`, `pnpm dev authentication` and
// `pnpm dev authe` all pick lesson 07. Without an argument it asks in a
// terminal, offering the lesson you started last (lesson 01 the first time);
// with no terminal to ask in, it starts the most advanced lesson.
//
// It ends with the server: non-zero when the server refuses to start (a bad
// setting, a busy port), 0 after Ctrl+C or SIGTERM stopped it cleanly.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { lastLesson, lastLessonFile, rememberLesson } from './lib/last-lesson.ts';
import { formatLessonList, listLessons, matchLessons, repoRoot, type Lesson } from './lib/lessons.ts';
import { watchTypes } from './lib/type-watch.ts';
import { packageSourceDirs, watchServer } from './lib/watch.ts';

const lessons = listLessons();
if (lessons.length === 0) {
  console.error('No lessons found in lessons/.');
  process.exit(1);
}
// Tests point LESSONS_CACHE_DIR at a folder of their own, so they never change your default.
const lastLessonPath = lastLessonFile(process.env.LESSONS_CACHE_DIR);

/** Why `choice` names no single lesson, or undefined when it does. */
function noMatch(choice: string): string | undefined {
  const matches = matchLessons(lessons, choice);
  if (matches.length === 1) return undefined;
  if (matches.length === 0) return `No lesson matches "${choice}".`;
  return `"${choice}" matches ${matches.length} lessons: ${matches.map((lesson) => lesson.slug).join(', ')}. Type more of the name.`;
}

async function askForLesson(): Promise<Lesson> {
  const suggested = lastLesson(lessons, lastLessonPath)!;
  console.log(`Lessons:\n${formatLessonList(lessons)}\n`);
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  // Ctrl+C (or Ctrl+D) at the prompt means "never mind": nothing has started,
  // so end quietly and with 0, as a server stopped with Ctrl+C does; a
  // non-zero code would only make pnpm add "ELIFECYCLE Command failed".
  const quit = () => {
    process.stdout.write('\n');
    process.exit(0);
  };
  prompt.on('SIGINT', quit);
  try {
    for (;;) {
      const answer = (await prompt.question(`Which lesson? [${suggested.slug}] `)).trim();
      if (answer === '') return suggested;
      const problem = noMatch(answer);
      if (!problem) return matchLessons(lessons, answer)[0]!;
      console.log(`${problem} Type a number (1-${lessons.length}) or the start of a name.`);
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError') quit();
    throw error;
  } finally {
    prompt.close();
  }
}

async function chooseLesson(): Promise<Lesson> {
  const choice = process.argv[2];
  if (choice !== undefined) {
    const problem = noMatch(choice);
    if (!problem) return matchLessons(lessons, choice)[0]!;
    console.error(`${problem} Choose one of:\n${formatLessonList(lessons)}`);
    process.exit(1);
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    // A script or an editor's task: start the same lesson every time.
    const latest = lessons.at(-1)!;
    console.log(`No lesson given and no terminal to ask in: starting the most advanced, ${latest.slug}.`);
    return latest;
  }
  return askForLesson();
}

/** Resolves false when something already listens on the port. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

// Checked before asking, with the lessons' own wording, so a typo in PORT is
// one line here instead of a stack trace from the port check below.
const port = process.env.PORT ?? '3000';
if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) {
  console.error(`PORT must be a whole number from 0 to 65535, got ${JSON.stringify(port)}.`);
  process.exit(1);
}

const lesson = await chooseLesson();
if (Number(port) > 0 && !(await portIsFree(Number(port)))) {
  console.error(`Port ${port} is already in use. Stop the other server or choose another port, e.g. PORT=3001 pnpm dev ${lesson.number}.`);
  process.exit(1);
}
rememberLesson(lesson, lastLessonPath);

console.log(`Starting lesson ${lesson.slug} (${lesson.title}); it restarts when you save a file. Ctrl+C stops it.`);
// The lesson's type errors, from tsc --watch beside the server (lib/type-watch.ts).
const types = watchTypes(lesson.dir, join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), (line) => process.stdout.write(`${line}\n`));
process.on('exit', () => types?.stop());
const code = await watchServer({
  entry: 'src/server.ts',
  cwd: lesson.dir,
  watchDirs: [join(lesson.dir, 'src'), ...packageSourceDirs(repoRoot)],
});
process.exit(code);
