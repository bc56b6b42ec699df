// `pnpm lessons` lists the lessons; `pnpm lessons --readme` rewrites the
// lesson table in README.md from the lesson folders.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatLessonList, listLessons, repoRoot, withLessonTable } from './lib/lessons.ts';

const lessons = listLessons();

if (process.argv.includes('--readme')) {
  const path = join(repoRoot, 'README.md');
  const before = readFileSync(path, 'utf8');
  const after = withLessonTable(before, lessons);
  writeFileSync(path, after);
  console.log(before === after ? 'README.md lesson table is up to date.' : 'README.md lesson table rewritten.');
} else {
  console.log(`Lessons (run one with \`pnpm dev <number>\`):\n\n${formatLessonList(lessons)}\n`);
}
