// What production adds to every answer: security headers, compression,
// CORS for the allowed origins only, and Secure cookies behind a TLS proxy.
// ../11-production/test/api/headers.test.ts checks them as a client sees them; this test swaps
// the session store, which a client cannot.
import { test } from 'vitest';
import { approvedAgent, makeApp } from './helpers.ts';

test('SESSION_STORE=memory: a login works the same, in express-session\'s MemoryStore', async () => {
  const session = await import('express-session');
  const { app } = makeApp({ sessionStore: new session.default.MemoryStore() });

  const agent = await approvedAgent(app);
  await agent.get('/api/v1/posts').expect(200);
});
