import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { findLesson, listLessons, readmeLessonTable, repoRoot, withLessonTable } from '../lib/lessons.ts';

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

test.each(['1', '01', '01-hello-express', 'hello-express', ' 1 '])('"%s" picks lesson 01', (choice) => {
  expect(findLesson(lessons, choice)?.slug).toBe('01-hello-express');
});

test.each(['0', '99', 'hello', 'express', ''])('"%s" picks no lesson', (choice) => {
  expect(findLesson(lessons, choice)).toBeUndefined();
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
