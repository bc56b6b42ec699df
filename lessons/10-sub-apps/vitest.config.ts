import { workspaceTestConfig } from '../../scripts/vitest/shared.ts';

export default workspaceTestConfig('10-sub-apps');
