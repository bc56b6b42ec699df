import { workspaceTestConfig } from '../../scripts/vitest/shared.ts';

export default workspaceTestConfig('09-forum-posts');
