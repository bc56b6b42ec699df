// Keeps the authorization matrix on docs/lessons/09-forum-posts.md true, as
// docs/test/lesson-08-authorization-matrix.test.ts does for lesson 08. The
// page includes docs/lessons/generated/09-forum-posts-matrix.md, which this
// test renders from lesson 09's own test/authorization-matrix.ts: the table
// that lessons/09-forum-posts/test/authorization.test.ts walks cell by cell
// against the app, now with a fifth kind of caller, the post author, and the
// rows of the posts and replies routes. When the matrix changes, this test
// fails until you regenerate the file:
//
//   cd docs && pnpm examples        # vitest run --update=all on the example tests
//
// then review the diff of the generated file and commit it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { callers, matrix, type Endpoint } from '../../lessons/09-forum-posts/test/authorization-matrix.ts';

const generatedPath = fileURLToPath(new URL('../lessons/generated/09-forum-posts-matrix.md', import.meta.url));
const pagePath = fileURLToPath(new URL('../lessons/09-forum-posts.md', import.meta.url));

/** What a status means for the caller, written under the number. */
const meanings: Readonly<Record<number, string>> = {
  401: 'not logged in',
  403: 'not allowed',
};

function cell(status: number): string {
  const meaning = meanings[status];
  return meaning === undefined ? String(status) : `**${status}** ${meaning}`;
}

/** The matrix as a markdown table: a row per endpoint, a column per kind of caller. */
function renderMatrix(endpoints: readonly Endpoint[]): string {
  const header = ['endpoint', ...callers];
  const rows = endpoints.map((endpoint) => [
    `\`${endpoint.method} ${endpoint.path}\``,
    ...callers.map((caller) => cell(endpoint.expected[caller])),
  ]);
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

test('the generated table on the lesson 09 page is the matrix the lesson tests walk', async () => {
  const md = [
    '<!-- Generated from lessons/09-forum-posts/test/authorization-matrix.ts by',
    '     docs/test/lesson-09-authorization-matrix.test.ts. Do not edit: run `pnpm examples` in docs/. -->',
    '',
    renderMatrix(matrix),
    '',
  ].join('\n');

  await expect(md).toMatchFileSnapshot(generatedPath);
});

test('the table has a row per endpoint and a cell per kind of caller, the post author included', () => {
  const table = renderMatrix(matrix).split('\n');
  expect(table).toHaveLength(matrix.length + 2);
  for (const row of table) expect(row.split(' | ')).toHaveLength(callers.length + 1);
  expect(table[0]).toContain('| post author |');
});

test('the lesson 09 page includes the generated table', () => {
  expect(readFileSync(pagePath, 'utf8')).toContain('<!--@include: ./generated/09-forum-posts-matrix.md-->');
});
