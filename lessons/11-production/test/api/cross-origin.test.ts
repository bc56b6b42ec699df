// The cross-origin check on writes (decision 008): what a browser says about
// a request decides whether a write with the session cookie may go on.
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { approvedAgent, problemFor } from './helpers.ts';

const post = { title: 'Hello', body: 'From somewhere.' };

// #region csrf-test
test.each([
  ['the forum\'s own page (same-origin)', { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://forum.test' }, 201],
  ['a request the user typed (none)', { 'Sec-Fetch-Site': 'none' }, 201],
  ['another site (cross-site)', { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' }, 403],
  ['a sibling subdomain (same-site), which SameSite=Lax lets through', { 'Sec-Fetch-Site': 'same-site', Origin: 'https://evil.forum.test' }, 403],
  ['an older browser on the same host (Origin only)', { Origin: 'http://forum.test' }, 201],
  ['an older browser on another site (Origin only)', { Origin: 'https://evil.example' }, 403],
  ['a sandboxed page (Origin: null)', { Origin: 'null' }, 403],
  ['curl or a server (neither header)', {}, 201],
] as const)('a write from %s: %i', async (_name, headers, status) => {
  const { app } = makeApi();
  const agent = await approvedAgent(app);

  const res = await agent.post('/api/v1/posts').set('Host', 'forum.test').set(headers).send(post);

  expect(res.status).toBe(status);
  if (status === 403) {
    expect(res.body).toEqual(
      problemFor(403, 'Forbidden', "Cross-site request refused: this write did not come from the forum's own page or an allowed origin", '/api/v1/posts'),
    );
  }
});
// #endregion csrf-test

test('logout is a write too: another site cannot log the user out', async () => {
  const { app } = makeApi();
  const agent = await approvedAgent(app);

  await agent.post('/api/v1/auth/logout').set('Sec-Fetch-Site', 'cross-site').expect(403);
  await agent.get('/api/v1/auth/me').expect(200);
});

test('reads pass whatever the browser says: a GET changes nothing', async () => {
  const { app } = makeApi();
  const agent = await approvedAgent(app);

  await agent.get('/api/v1/posts').set({ 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' }).expect(200);
});

test('an origin in CORS_ORIGINS may write with the user\'s cookie', async () => {
  const { app } = makeApi({ CORS_ORIGINS: 'https://app.example.com' });
  const agent = await approvedAgent(app);

  const res = await agent.post('/api/v1/posts').set({ 'Sec-Fetch-Site': 'cross-site', Origin: 'https://app.example.com' }).send(post);

  expect(res.status).toBe(201);
  expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
});
