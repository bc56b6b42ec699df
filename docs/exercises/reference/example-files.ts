// The checked-in example files behind docs/reference/*.md. A test compares
// each real exchange with its file; with UPDATE_EXAMPLES=1 it rewrites the
// files instead (and deletes files no example produces any more).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const updating = process.env.UPDATE_EXAMPLES === '1';
const regenerate = 'run UPDATE_EXAMPLES=1 pnpm vitest run exercises/reference in docs/';

/** Fails when `actual` differs from `dir/name.http`; rewrites the file when updating. */
export function expectExampleFile(dir: string, name: string, actual: string): void {
  const file = join(dir, `${name}.http`);
  if (updating) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `${file} is missing: ${regenerate}`).toBe(true);
  expect(actual, `the answer changed: ${regenerate} and review the diff`).toBe(readFileSync(file, 'utf8'));
}

/** Fails when `dir` holds a file that no example named; deletes such files when updating. */
export function expectNoStaleExampleFiles(dir: string, names: string[]): void {
  const wanted = new Set(names.map((name) => `${name}.http`));
  const stale = existsSync(dir) ? readdirSync(dir).filter((file) => !wanted.has(file)) : [];
  if (updating) {
    for (const file of stale) rmSync(join(dir, file));
    return;
  }
  expect(stale, `delete these files, or ${regenerate}`).toEqual([]);
}

/** The example names a page imports with `<<< @/reference/<folder>/<name>.http` lines. */
export function examplesShownOn(pagePath: string, folder: string): string[] {
  const page = readFileSync(pagePath, 'utf8');
  const line = new RegExp(`^<<< @/reference/${folder}/([\\w-]+)\\.http$`, 'gm');
  return [...page.matchAll(line)].map((match) => match[1]!);
}
