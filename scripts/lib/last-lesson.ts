// Remembers which lesson `pnpm dev` started last, so the lesson prompt offers
// it as the default. The file lives in node_modules/.cache, which git ignores
// and which a fresh clone does not have: the first time, the default is
// lesson 01.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot, type Lesson } from './lessons.ts';

/** Where the last lesson's folder name is kept. */
export function lastLessonFile(cacheDir = join(repoRoot, 'node_modules', '.cache', 'express-forum-lessons')): string {
  return join(cacheDir, 'last-lesson');
}

/** The lesson started last, or the first lesson when none was (or it no longer exists). */
export function lastLesson(lessons: Lesson[], file: string): Lesson | undefined {
  let slug = '';
  try {
    slug = readFileSync(file, 'utf8').trim();
  } catch {
    // Never started from this clone: fall through to the first lesson.
  }
  return lessons.find((lesson) => lesson.slug === slug) ?? lessons[0];
}

/** Records the lesson being started. A cache that cannot be written only costs the default. */
export function rememberLesson(lesson: Lesson, file: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${lesson.slug}\n`);
  } catch {
    // Read-only checkout or no node_modules yet: nothing to remember with.
  }
}
