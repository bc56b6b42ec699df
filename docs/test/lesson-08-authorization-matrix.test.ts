// Keeps the authorization matrix on docs/lessons/08-authorization.md true.
// The page does not hold the table: it includes
// docs/lessons/generated/08-authorization-matrix.md, which this test renders
// from the lesson's own test/authorization-matrix.ts, the table that
// lessons/08-authorization/test/authorization.test.ts walks cell by cell
// against the app. So the page shows exactly what the lesson's tests check.
// When the matrix changes, this test fails until you regenerate the file:
//
//   cd docs && pnpm examples        # vitest run --update=all on the example tests
//
// then review the diff of the generated file and commit it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { callers, matrix, type Endpoint } from '../../lessons/08-authorization/test/authorization-matrix.ts';

const generatedPath = fileURLToPath(new URL('../lessons/generated/08-authorization-matrix.md', import.meta.url));
const pagePath = fileURLToPath(new URL('../lessons/08-authorization.md', import.meta.url));

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
function renderMatrix(endpoints: readonly Endpoint[]): string {
  const header = ['endpoint', ...callers];
  const rows = endpoints.map((endpoint) => [
    `\`${endpoint.method} ${endpoint.path}\``,
    ...callers.map((caller) => cell(endpoint.expected[caller])),
  ]);
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}
// #endregion render

test('the generated table on the lesson 08 page is the matrix the lesson tests walk', async () => {
  const md = [
    '<!-- Generated from lessons/08-authorization/test/authorization-matrix.ts by',
    '     docs/test/lesson-08-authorization-matrix.test.ts. Do not edit: run `pnpm examples` in docs/. -->',
    '',
    renderMatrix(matrix),
    '',
  ].join('\n');

  await expect(md).toMatchFileSnapshot(generatedPath);
});

test('the table has a row per endpoint and a cell per kind of caller', () => {
  const table = renderMatrix(matrix).split('\n');
  expect(table).toHaveLength(matrix.length + 2);
  for (const row of table) expect(row.split(' | ')).toHaveLength(callers.length + 1);
});

test('the lesson 08 page includes the generated table', () => {
  expect(readFileSync(pagePath, 'utf8')).toContain('<!--@include: ./generated/08-authorization-matrix.md-->');
});
