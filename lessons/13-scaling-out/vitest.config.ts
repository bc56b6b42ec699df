import { fileURLToPath } from 'node:url';
import { workspaceTestConfig } from '../../scripts/vitest/shared.ts';

// Two projects in one run (one report, .vitest/results.json): this lesson's
// own tests, and lesson 11's black-box API tests, unchanged, with their
// '#api-under-test' pointed at this lesson's app. They pass against both
// lessons: that is the proof that the refactor changed nothing a client sees.
export default workspaceTestConfig('13-scaling-out', undefined, [
  {
    name: '13-scaling-out (lesson 11 API tests)',
    root: fileURLToPath(new URL('../11-production', import.meta.url)),
    include: ['test/api/**/*.test.ts'],
    alias: { '#api-under-test': fileURLToPath(new URL('test/api-under-test.ts', import.meta.url)) },
  },
]);
