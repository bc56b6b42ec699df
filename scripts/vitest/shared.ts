// The one vitest configuration every lesson and package uses. Each workspace
// has a three-line vitest.config.ts that passes its name here, so running
// `pnpm test` inside any folder behaves the same as the full matrix.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const setupFile = fileURLToPath(new URL('./setup.ts', import.meta.url));

/**
 * A vitest project that runs test files from outside this workspace, e.g.
 * lesson 12's run of lesson 11's black-box API tests: `root` is the folder
 * the files are in, `include` is relative to it, and `alias` points imports
 * (such as '#api-under-test') at this workspace's own files.
 */
export interface ExtraProject {
  name: string;
  root: string;
  include: string[];
  alias?: Record<string, string>;
  /** Setup files run before each of its test files, after the shared one. */
  setupFiles?: string[];
}

export function workspaceTestConfig(name: string, include = ['test/**/*.test.ts'], extraProjects: ExtraProject[] = []) {
  const options = {
    setupFiles: [setupFile],
    environment: 'node' as const,
    // A guard against a hang, not a speed limit: on a slow laptop with both
    // cores busy, a test that hashes a few passwords can take many seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  };
  const report = {
    // The matrix (scripts/test-matrix.ts) reads this file to build its table;
    // turbo caches it with the task, so a cached run still reports counts.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
  };
  if (extraProjects.length === 0) {
    return defineConfig({ test: { name, include, ...options, ...report } });
  }
  // One run, one report: this workspace's own tests and each extra project.
  return defineConfig({
    test: {
      ...report,
      projects: [
        { test: { name, include, ...options } },
        ...extraProjects.map((extra) => ({
          root: extra.root,
          resolve: {
            alias: Object.entries(extra.alias ?? {}).map(([find, replacement]) => ({
              find: new RegExp(`^${find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
              replacement,
            })),
          },
          test: { name: extra.name, include: extra.include, ...options, setupFiles: [...options.setupFiles, ...(extra.setupFiles ?? [])] },
        })),
      ],
    },
  });
}
