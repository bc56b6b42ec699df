import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { lastLesson, lastLessonFile, rememberLesson } from '../lib/last-lesson.ts';
import { findLesson, listLessons, matchLessons, readmeLessonTable, repoRoot, withLessonTable, type Lesson } from '../lib/lessons.ts';

const lessons = listLessons();

test('finds every lesson folder, numbered in order, each with a title and summary', () => {
  expect(lessons.length).toBeGreaterThan(0);
  expect(lessons[0]!.slug).toBe('01-hello-express');
  lessons.forEach((lesson, index) => {
    expect(lesson.number).toBe(index + 1);
    expect(lesson.title).not.toBe('');
    expect(lesson.summary).not.toBe('');
  });
});

test.each(['1', '01', '01-hello-express', 'hello-express', ' 1 ', 'hello', 'HELLO-EX', '01-h'])('"%s" picks lesson 01', (choice) => {
  expect(findLesson(lessons, choice)?.slug).toBe('01-hello-express');
});

test.each(['authe', '07-auth', 'authentication', '7'])('"%s" picks lesson 07', (choice) => {
  expect(findLesson(lessons, choice)?.slug).toBe('07-authentication');
});

test.each(['0', '99', 'express', 'xyz', ''])('"%s" picks no lesson', (choice) => {
  expect(findLesson(lessons, choice)).toBeUndefined();
});

const lesson = (number: number, name: string): Lesson => ({
  number,
  slug: `${String(number).padStart(2, '0')}-${name}`,
  dir: `/lessons/${name}`,
  title: name,
  summary: name,
});

test('the start of a name that several lessons share matches them all, and picks none', () => {
  const list = [lesson(1, 'sessions'), lesson(2, 'session-store'), lesson(3, 'security')];

  expect(matchLessons(list, 'se').map((match) => match.slug)).toEqual(['01-sessions', '02-session-store', '03-security']);
  expect(matchLessons(list, 'session').map((match) => match.slug)).toEqual(['01-sessions', '02-session-store']);
  expect(findLesson(list, 'session')).toBeUndefined();
});

test('"auth" starts both authentication and authorization, so it picks neither', () => {
  expect(findLesson(lessons, 'auth')).toBeUndefined();
  expect(matchLessons(lessons, 'auth').map((match) => match.slug)).toEqual(['07-authentication', '08-authorization']);
});

test('a whole name wins over longer names it starts', () => {
  const list = [lesson(1, 'session'), lesson(2, 'session-store')];

  expect(findLesson(list, 'session')?.slug).toBe('01-session');
});

test('the prompt offers lesson 01 the first time, then the lesson started last', () => {
  const dir = mkdtempSync(join(tmpdir(), 'last-lesson-'));
  try {
    const file = lastLessonFile(dir);
    expect(lastLesson(lessons, file)?.slug).toBe('01-hello-express');

    rememberLesson(lessons[2]!, file);
    expect(lastLesson(lessons, file)?.slug).toBe(lessons[2]!.slug);

    // A lesson folder that was renamed or removed since: back to lesson 01.
    writeFileSync(file, '42-gone\n');
    expect(lastLesson(lessons, file)?.slug).toBe('01-hello-express');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the last lesson is kept where git does not see it', () => {
  expect(lastLessonFile()).toBe(join(repoRoot, 'node_modules', '.cache', 'express-forum-lessons', 'last-lesson'));
});

test('every lesson runs `pnpm dev` with the same watcher as the root, and `pnpm start` without one', () => {
  for (const { dir, slug } of lessons) {
    const { scripts } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.dev, slug).toBe('node --import tsx ../../scripts/watch.ts src/server.ts');
    expect(scripts.start, slug).toBe('tsx src/server.ts');
  }
});

test('the README lesson table matches the lesson folders (run `pnpm lessons --readme` to fix)', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

  expect(withLessonTable(readme, lessons)).toBe(readme);
});

test('every README row links the lesson folder and its docs page', () => {
  const table = readmeLessonTable(lessons);

  for (const lesson of lessons) {
    expect(table).toContain(`(lessons/${lesson.slug})`);
    expect(table).toContain(`(docs/lessons/${lesson.slug}.md)`);
  }
});
