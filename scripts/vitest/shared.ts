// The one vitest configuration every lesson and package uses. Each workspace
// has a three-line vitest.config.ts that passes its name here, so running
// `pnpm test` inside any folder behaves the same as the full matrix.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const setupFile = fileURLToPath(new URL('./setup.ts', import.meta.url));

export function workspaceTestConfig(name: string, include = ['test/**/*.test.ts']) {
  return defineConfig({
    test: {
      name,
      include,
      setupFiles: [setupFile],
      environment: 'node',
      // The matrix (scripts/test-matrix.ts) reads this file to build its table;
      // turbo caches it with the task, so a cached run still reports counts.
      reporters: ['default', 'json'],
      outputFile: { json: '.vitest/results.json' },
      // A guard against a hang, not a speed limit: on a slow laptop with both
      // cores busy, a test that hashes a few passwords can take many seconds.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      restoreMocks: true,
    },
  });
}
