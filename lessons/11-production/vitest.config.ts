import { workspaceTestConfig } from '../../scripts/vitest/shared.ts';

export default workspaceTestConfig('11-production');
