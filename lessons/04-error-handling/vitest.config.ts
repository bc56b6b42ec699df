import { workspaceTestConfig } from '../../scripts/vitest/shared.ts';

export default workspaceTestConfig('04-error-handling');
