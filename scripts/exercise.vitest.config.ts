// The vitest configuration of the exercise checks (`pnpm exercise`, and the
// proof in scripts/test/exercises-proof.test.ts). The root is a workspace
// (playground/NN-slug) or a folder of lesson copies; checks sit in each
// copy's .exercise/ folder and import that copy's own code.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const setupFile = fileURLToPath(new URL('./vitest/setup.ts', import.meta.url));

export default defineConfig({
  test: {
    name: 'exercise',
    include: ['**/.exercise/*.check.ts'],
    exclude: ['**/node_modules/**'],
    setupFiles: [setupFile],
    environment: 'node',
    reporters: ['json'],
    // A guard against a hang, as in the lessons' own tests.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  },
});
