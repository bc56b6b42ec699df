import { workspaceTestConfig } from '../../scripts/vitest/shared.ts';

export default workspaceTestConfig('01-hello-express');
