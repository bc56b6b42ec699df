// The folders of example files behind docs/reference/*.md. Each file is a
// vitest file snapshot (toMatchFileSnapshot), which fails on a difference and
// is rewritten when vitest updates snapshots (`pnpm examples` in docs/). What
// vitest does not do for such files is notice one that no test writes any
// more; the folder check does, and the page check makes sure that every
// example is shown.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** Fails when `dir` holds a `.http` file that no example named; deletes such files when vitest updates snapshots. */
export function expectNoStaleExampleFiles(dir: string, names: readonly string[]): void {
  const wanted = new Set(names.map((name) => `${name}.http`));
  const stale = existsSync(dir) ? readdirSync(dir).filter((file) => !wanted.has(file)) : [];
  if (expect.getState().snapshotState.snapshotUpdateState === 'all') {
    for (const file of stale) rmSync(join(dir, file));
    return;
  }
  expect(stale, 'delete these files, or run `pnpm examples` in docs/, which does').toEqual([]);
}

/** The example names a page imports with `<<< @/reference/<folder>/<name>.http` lines. */
export function examplesShownOn(pagePath: string, folder: string): string[] {
  const page = readFileSync(pagePath, 'utf8');
  const line = new RegExp(`^<<< @/reference/${folder}/([\\w-]+)\\.http$`, 'gm');
  return [...page.matchAll(line)].map((match) => match[1]!);
}
