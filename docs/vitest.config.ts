import { workspaceTestConfig } from '../scripts/vitest/shared.ts';

// test/: the built site in a real browser. exercises/: the solutions and
// mistakes the lesson pages import, tested like lesson code.
export default workspaceTestConfig('docs', ['test/**/*.test.ts', 'exercises/**/*.test.ts']);
