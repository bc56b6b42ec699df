import { workspaceTestConfig } from '../scripts/vitest/shared.ts';

// test/: the built site in a real browser. exercises/: the common mistakes
// and reference examples the pages import, tested like lesson code. The
// exercises' checks and solutions (exercises/NN-slug/N-name/) are not run
// here: they run against lesson copies in the exercise proof
// (scripts/test/exercises-proof.test.ts).
export default workspaceTestConfig('docs', ['test/**/*.test.ts', 'exercises/*/*.test.ts']);
