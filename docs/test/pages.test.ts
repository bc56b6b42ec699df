// The site lists lessons and packages from the file system, so a missing page
// would only show as "(soon)". These tests turn a missing page into a failure.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { docsDir, listLessons, listPackages } from '../.vitepress/lessons.ts';

const lessons = listLessons();

test.each(lessons.map((lesson) => lesson.folder))('lesson %s has a docs page', (folder) => {
  expect(existsSync(join(docsDir, 'lessons', `${folder}.md`)), `write docs/lessons/${folder}.md (template: docs/contributing.md)`).toBe(true);
});

test.each(lessons.slice(1).map((lesson, index) => [lesson.folder, lessons[index]!.folder] as const))(
  'the page of lesson %s shows what changed since %s',
  (folder, previous) => {
    const page = join(docsDir, 'lessons', `${folder}.md`);
    if (!existsSync(page)) return; // reported by the test above
    const line = `<!-- lesson-diff ${previous} ${folder} -->`;
    expect(readFileSync(page, 'utf8'), `add the line ${line} to docs/lessons/${folder}.md`).toContain(line);
  },
);

test.each(listPackages().map((pkg) => pkg.folder))('package %s has a docs page', (folder) => {
  expect(existsSync(join(docsDir, 'packages', `${folder}.md`)), `write docs/packages/${folder}.md`).toBe(true);
});
