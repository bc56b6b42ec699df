// Where things are. The pack checks keep to this folder and the packages, so
// a package's `test` task hashes only them (packages/*/turbo.json).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const packagesDir = join(repoRoot, 'packages');
export const fixturesDir = join(repoRoot, 'scripts', 'pack-check', 'fixtures');
