// The cross-origin check on writes (decision 008): what a browser says about
// a request decides whether a write with the session cookie may go on.
// What a client sees of it is tested in ../11-production/test/api/cross-origin.test.ts; this
// test looks in the database.
import { expect, test } from 'vitest';
import { approvedAgent, makeApp } from './helpers.ts';

const post = { title: 'Hello', body: 'From somewhere.' };

test('a refused write changes nothing: the post was never written', async () => {
  const { app, db } = makeApp();
  const agent = await approvedAgent(app);

  await agent.post('/api/v1/posts').set({ 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' }).send(post).expect(403);

  expect(db.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(0);
});
