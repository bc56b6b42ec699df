import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { diffLessons, lessonDiffMarkdown } from '../.vitepress/lesson-diff.ts';

const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function lessons(tree: Record<string, Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'lesson-diff-'));
  roots.push(root);
  for (const [folder, files] of Object.entries(tree)) {
    for (const [file, content] of Object.entries(files)) {
      const path = join(root, folder, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  }
  return root;
}

const pkg = (folder: string, title: string, extra = '') =>
  `{\n  "name": "@forum-lessons/${folder}",\n  "description": "About ${title}.",\n  "lesson": {\n    "title": "${title}"\n  },${extra}\n  "type": "module"\n}\n`;

test('lists added, removed and changed files', () => {
  const root = lessons({
    '01-one': { 'src/app.ts': 'a\n', 'src/old.ts': 'x\n', 'README.md': 'same\n' },
    '02-two': { 'src/app.ts': 'b\n', 'src/new.ts': 'y\n', 'README.md': 'same\n' },
  });

  const diff = diffLessons('01-one', '02-two', root);

  expect(diff.added).toEqual(['src/new.ts']);
  expect(diff.removed).toEqual(['src/old.ts']);
  expect(diff.changed.map((change) => change.file)).toEqual(['src/app.ts']);
  expect(diff.changed[0]!.patch).toBe('--- 01-one/src/app.ts\n+++ 02-two/src/app.ts\n@@ -1,1 +1,1 @@\n-a\n+b');
});

test('ignores what running a lesson produces', () => {
  const root = lessons({
    '01-one': { 'src/app.ts': 'a\n' },
    '02-two': {
      'src/app.ts': 'a\n',
      'node_modules/express/index.js': 'x',
      '.vitest/results.json': '{}',
      'forum.db': 'x',
      'forum.db-wal': 'x',
    },
  });

  expect(diffLessons('01-one', '02-two', root)).toMatchObject({ added: [], removed: [], changed: [] });
});

test('hides the renaming every lesson does, but not other package.json changes', () => {
  const root = lessons({
    '01-one': { 'package.json': pkg('01-one', 'One'), 'vitest.config.ts': "workspaceTestConfig('01-one');\n" },
    '02-two': { 'package.json': pkg('02-two', 'Two'), 'vitest.config.ts': "workspaceTestConfig('02-two');\n" },
    '03-three': {
      'package.json': pkg('03-three', 'Three', '\n  "dependencies": { "zod": "^4" },'),
      'vitest.config.ts': "workspaceTestConfig('03-three');\n",
    },
  });

  expect(diffLessons('01-one', '02-two', root).changed).toEqual([]);
  const changed = diffLessons('02-two', '03-three', root).changed;
  expect(changed.map((change) => change.file)).toEqual(['package.json']);
  expect(changed[0]!.patch).toContain('+  "dependencies": { "zod": "^4" },');
  expect(changed[0]!.patch).not.toMatch(/^[-+].*"(name|description|title)"/m);
});

test('leaves region markers out and reports real line numbers', () => {
  const root = lessons({
    '01-one': { 'src/app.ts': 'one\ntwo\nthree\n' },
    '02-two': { 'src/app.ts': '// #region top\none\n// #endregion top\ntwo\nTHREE\n' },
  });

  const [change] = diffLessons('01-one', '02-two', root).changed;

  expect(change!.patch).not.toContain('#region');
  expect(change!.patch).toContain('@@ -1,3 +2,4 @@');
  expect(change!.patch).toContain('-three\n+THREE');
});

test('a change to region markers alone is no change', () => {
  const root = lessons({
    '01-one': { 'src/app.ts': 'one\n' },
    '02-two': { 'src/app.ts': '// #region all\none\n// #endregion all\n' },
  });

  expect(diffLessons('01-one', '02-two', root).changed).toEqual([]);
});

test('a missing lesson folder is an error naming it', () => {
  const root = lessons({ '01-one': { 'a.ts': '' } });

  expect(() => diffLessons('01-one', '02-missing', root)).toThrow('lesson-diff: lessons/02-missing does not exist');
});

test('renders a summary and a diff block per changed file', () => {
  const root = lessons({
    '01-one': { 'src/app.ts': 'a\n', 'src/gone.ts': '' },
    '02-two': { 'src/app.ts': 'const s = `tick`;\n', 'src/new.ts': '' },
  });

  const markdown = lessonDiffMarkdown('01-one', '02-two', root);

  expect(markdown).toContain('- **Added:** `src/new.ts`');
  expect(markdown).toContain('- **Removed:** `src/gone.ts`');
  expect(markdown).toContain('- **Changed:** `src/app.ts`');
  expect(markdown).toContain('```diff\n--- 01-one/src/app.ts');
});
