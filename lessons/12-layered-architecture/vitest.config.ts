import { workspaceTestConfig } from '../../scripts/vitest/shared.ts';

export default workspaceTestConfig('12-layered-architecture');
