import { workspaceTestConfig } from './vitest/shared.ts';

// The root's own tests: the tooling in scripts/ (dev runner, lesson list,
// README table, test matrix).
export default workspaceTestConfig('tooling', ['scripts/test/**/*.test.ts']);
