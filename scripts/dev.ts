// `pnpm dev [lesson]`: starts one lesson's dev server (tsx watch, restarts on
// change). `pnpm dev 7`, `pnpm dev 07` and `pnpm dev authentication` all pick
// lesson 07. Without an argument it asks in a terminal and otherwise starts
// the most advanced lesson.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline/promises';
import { findLesson, formatLessonList, listLessons, type Lesson } from './lib/lessons.ts';

const lessons = listLessons();
const latest = lessons.at(-1);
if (!latest) {
  console.error('No lessons found in lessons/.');
  process.exit(1);
}

async function chooseLesson(): Promise<Lesson> {
  const choice = process.argv[2];
  if (choice !== undefined) {
    const lesson = findLesson(lessons, choice);
    if (lesson) return lesson;
    console.error(`No lesson matches "${choice}". Choose one of:\n${formatLessonList(lessons)}`);
    process.exit(1);
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    console.log(`No lesson given and no terminal to ask in: starting the most advanced, ${latest!.slug}.`);
    return latest!;
  }
  console.log(`Lessons:\n${formatLessonList(lessons)}\n`);
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    for (;;) {
      const answer = (await prompt.question(`Which lesson? [${latest!.slug.slice(0, 2)}] `)).trim();
      const lesson = answer === '' ? latest : findLesson(lessons, answer);
      if (lesson) return lesson;
      console.log(`"${answer}" is not a lesson number or name.`);
    }
  } finally {
    prompt.close();
  }
}

/** Resolves false when something already listens on the port. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

const lesson = await chooseLesson();
const port = process.env.PORT ?? '3000';
if (/^\d+$/.test(port) && Number(port) > 0 && !(await portIsFree(Number(port)))) {
  console.error(`Port ${port} is already in use. Stop the other server or choose another port, e.g. PORT=3001 pnpm dev ${lesson.number}.`);
  process.exit(1);
}

console.log(`Starting lesson ${lesson.slug} (${lesson.title}); it restarts when you save a file. Ctrl+C stops it.`);
const child = spawn('pnpm', ['run', '--silent', 'dev'], { cwd: lesson.dir, stdio: 'inherit' });
// The child shares our terminal and gets Ctrl+C itself; forward SIGTERM too.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
