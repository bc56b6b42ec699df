// The tarball `pnpm pack` makes of this package, checked as npm would see it
// (scripts/pack-check/package-checks.ts; decision 007).
import { fileURLToPath } from 'node:url';
import { definePackChecks } from '../../../scripts/pack-check/package-checks.ts';

definePackChecks(fileURLToPath(new URL('..', import.meta.url)));
