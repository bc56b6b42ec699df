import { workspaceTestConfig } from '../../scripts/vitest/shared.ts';

export default workspaceTestConfig('03-routers-and-sqlite');
