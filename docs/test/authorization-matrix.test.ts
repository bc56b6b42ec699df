// Keeps the authorization matrix on each lesson page that has one true. The
// page does not hold the table: it includes
// docs/lessons/generated/<lesson>-matrix.md, which this test renders from the
// lesson's own test/authorization-matrix.ts, the table that the lesson's
// test/authorization.test.ts walks cell by cell against the app. So the page
// shows exactly what the lesson's tests check. When a matrix changes, this
// test fails until you regenerate the file:
//
//   cd docs && pnpm examples        # vitest run --update=all on the example tests
//
// then review the diff of the generated file and commit it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

/** The lessons whose pages show an authorization matrix. */
const lessons = ['08-authorization', '09-forum-posts'] as const;

/** The shape of each lesson's test/authorization-matrix.ts that the table needs. */
interface Matrix {
  callers: readonly string[];
  matrix: ReadonlyArray<{ method: string; path: string; expected: Readonly<Record<string, number>> }>;
}

async function load(lesson: string): Promise<Matrix> {
  return (await import(`../../lessons/${lesson}/test/authorization-matrix.ts`)) as Matrix;
}

/** What a status means for the caller, written under the number. */
const meanings: Readonly<Record<number, string>> = {
  401: 'not logged in',
  403: 'not allowed',
};

function cell(status: number): string {
  const meaning = meanings[status];
  return meaning === undefined ? String(status) : `**${status}** ${meaning}`;
}

// #region render
/** The matrix as a markdown table: a row per endpoint, a column per kind of caller. */
function renderMatrix({ callers, matrix }: Matrix): string {
  const header = ['endpoint', ...callers];
  const rows = matrix.map((endpoint) => [
    `\`${endpoint.method} ${endpoint.path}\``,
    ...callers.map((caller) => cell(endpoint.expected[caller]!)),
  ]);
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}
// #endregion render

test.each(lessons)('the generated table on the %s page is the matrix the lesson tests walk', async (lesson) => {
  const md = [
    `<!-- Generated from lessons/${lesson}/test/authorization-matrix.ts by`,
    '     docs/test/authorization-matrix.test.ts. Do not edit: run `pnpm examples` in docs/. -->',
    '',
    renderMatrix(await load(lesson)),
    '',
  ].join('\n');

  await expect(md).toMatchFileSnapshot(fileURLToPath(new URL(`../lessons/generated/${lesson}-matrix.md`, import.meta.url)));
});

test.each(lessons)('the %s table has a row per endpoint and a cell per kind of caller', async (lesson) => {
  const loaded = await load(lesson);
  const table = renderMatrix(loaded).split('\n');

  expect(table).toHaveLength(loaded.matrix.length + 2);
  for (const row of table) expect(row.split(' | ')).toHaveLength(loaded.callers.length + 1);
});

test('lesson 09 adds the post author as a fifth kind of caller', async () => {
  expect((await load('09-forum-posts')).callers).toContain('post author');
});

test.each(lessons)('the %s page includes its generated table', (lesson) => {
  const page = readFileSync(fileURLToPath(new URL(`../lessons/${lesson}.md`, import.meta.url)), 'utf8');

  expect(page).toContain(`<!--@include: ./generated/${lesson}-matrix.md-->`);
});
