// What a client sees of posts and replies is tested in ../11-production/test/api/posts.test.ts.
// These tests need more than a client has: a clock the test moves, to pin
// the times in an answer and the order they make, and the database, to see
// what was stored, rolled back and how it is read.
import { expect, test } from 'vitest';
import { ada, adminAgent, grace, loggedInAgent, makeApp } from './helpers.ts';

/** A clock that moves only when the test moves it; each call to tick() is one second later. */
function testClock() {
  let time = Date.parse('2026-01-01T00:00:00.000Z');
  return { now: () => time, tick: () => (time += 1000), iso: () => new Date(time).toISOString() };
}

/** An app with an approved Ada, an approved Grace and the admin, each with a logged-in agent. */
async function forum() {
  const clock = testClock();
  const made = makeApp({ now: clock.now });
  // Ada first (id 1), then the admin, who approves her and Grace.
  const adaAgent = await loggedInAgent(made.app, ada);
  const admin = await adminAgent(made.app);
  const graceAgent = await loggedInAgent(made.app, grace);
  for (const id of [1, 3]) await admin.post(`/api/v1/users/${id}/approve`).expect(200);
  return { ...made, clock, ada: adaAgent, grace: graceAgent, admin };
}

const newPost = { title: 'Hello, forum', body: 'The first post.' };

// #region create-post-test
test('POST /api/v1/posts answers 201 with the post, its author and its times', async () => {
  const { ada: agent, clock } = await forum();

  const res = await agent.post('/api/v1/posts').send(newPost);

  expect(res.status).toBe(201);
  expect(res.headers.location).toBe(`/api/v1/posts/${res.body.id}`);
  expect(res.body).toEqual({
    id: 1,
    title: 'Hello, forum',
    body: 'The first post.',
    author: { id: 1, username: 'ada' },
    replyCount: 0,
    createdAt: clock.iso(),
    updatedAt: clock.iso(),
    lastActivityAt: clock.iso(),
  });
});
// #endregion create-post-test

test.each([
  [{ title: '   ', body: 'x' }, 'title', 'must not be blank'],
  [{ title: 'x', body: '' }, 'body', 'must not be blank'],
  [{ title: 'x'.repeat(201), body: 'x' }, 'title', 'must be at most 200 characters long'],
  [{ title: 'x', body: 'x'.repeat(10_001) }, 'body', 'must be at most 10000 characters long'],
  [{ body: 'x' }, 'title', 'is required'],
  [{ title: 42, body: 'x' }, 'title', 'must be a string'],
])('POST /api/v1/posts with %j answers 400 naming %s', async (body, path, message) => {
  const { ada: agent, db } = await forum();

  const res = await agent.post('/api/v1/posts').send(body);

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([{ path, message, location: 'body' }]);
  expect(db.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(0);
});

// #region list-posts-test
test('GET /api/v1/posts lists newest activity first, in the documented envelope', async () => {
  const { ada: agent, grace: other, clock } = await forum();
  for (const title of ['one', 'two', 'three']) {
    clock.tick();
    await agent.post('/api/v1/posts').send({ title, body: 'x' }).expect(201);
  }
  // A reply is activity: it moves "one" to the top.
  clock.tick();
  await other.post('/api/v1/posts/1/replies').send({ body: 'Bump' }).expect(201);

  const res = await other.get('/api/v1/posts?limit=2');

  expect(res.body).toMatchObject({ page: 1, limit: 2, total: 3, pages: 2 });
  expect(res.body.data.map((post: { title: string }) => post.title)).toEqual(['one', 'three']);
  const next = await other.get('/api/v1/posts?limit=2&page=2');
  expect(next.body.data.map((post: { title: string }) => post.title)).toEqual(['two']);
});
// #endregion list-posts-test

test('posts with the same activity time keep one order on every page: the newest id first', async () => {
  const { ada: agent } = await forum();
  // The clock does not move: five posts in the same millisecond.
  for (let n = 1; n <= 5; n++) await agent.post('/api/v1/posts').send({ title: `post ${n}`, body: 'x' }).expect(201);

  const pages = [];
  for (let page = 1; page <= 3; page++) pages.push(...(await agent.get(`/api/v1/posts?limit=2&page=${page}`)).body.data);

  expect(pages.map((post: { id: number }) => post.id)).toEqual([5, 4, 3, 2, 1]);
});

// #region ownership-test
test('PATCH: the author and an admin may edit a post; another member gets 403', async () => {
  const { ada: author, grace: other, admin, clock } = await forum();
  const { body: post } = await author.post('/api/v1/posts').send(newPost);
  clock.tick();

  const refused = await other.patch(`/api/v1/posts/${post.id}`).send({ title: 'Mine now' });
  const edited = await author.patch(`/api/v1/posts/${post.id}`).send({ body: 'Edited body.' });
  const moderated = await admin.patch(`/api/v1/posts/${post.id}`).send({ title: 'Edited by the admin' });

  expect(refused.status).toBe(403);
  expect(refused.body.detail).toBe('Only the author of this post or an admin may change it');
  expect(edited.body).toMatchObject({ title: 'Hello, forum', body: 'Edited body.', updatedAt: clock.iso(), createdAt: post.createdAt });
  expect(moderated.body).toMatchObject({ title: 'Edited by the admin', body: 'Edited body.', author: { username: 'ada' } });
});

test('DELETE: the author and an admin may delete a post, and its replies go with it', async () => {
  const { ada: author, grace: other, admin, db } = await forum();
  const first = (await author.post('/api/v1/posts').send(newPost)).body;
  const second = (await author.post('/api/v1/posts').send(newPost)).body;
  await other.post(`/api/v1/posts/${first.id}/replies`).send({ body: 'A reply' }).expect(201);

  expect((await other.delete(`/api/v1/posts/${first.id}`)).status).toBe(403);
  expect((await author.delete(`/api/v1/posts/${first.id}`)).status).toBe(204);
  expect((await admin.delete(`/api/v1/posts/${second.id}`)).status).toBe(204);

  expect((await author.get(`/api/v1/posts/${first.id}`)).status).toBe(404);
  expect(db.prepare('SELECT count(*) FROM replies').pluck().get()).toBe(0);
});
// #endregion ownership-test

// #region replies-test
test('a reply is answered 201, counted on its post, and moves the post\'s last activity', async () => {
  const { ada: author, grace: other, clock } = await forum();
  const { body: post } = await author.post('/api/v1/posts').send(newPost);
  clock.tick();

  const res = await other.post(`/api/v1/posts/${post.id}/replies`).send({ body: 'Welcome!' });

  expect(res.status).toBe(201);
  expect(res.body).toEqual({ id: 1, postId: post.id, body: 'Welcome!', author: { id: 3, username: 'grace' }, createdAt: clock.iso() });
  expect((await author.get(`/api/v1/posts/${post.id}`)).body).toMatchObject({ replyCount: 1, lastActivityAt: clock.iso() });
});
// #endregion replies-test

// #region transaction-test
test('when counting the reply fails, the reply is not stored either: one transaction', async () => {
  const { ada: author, grace: other, db, errors } = await forum();
  const { body: post } = await author.post('/api/v1/posts').send(newPost);
  // Make the second step fail, as a half-finished deploy might: a trigger on
  // the reply count writes to an audit table that does not exist yet. The
  // INSERT of the reply works; the UPDATE of the post fails.
  db.exec(`CREATE TRIGGER audit_count BEFORE UPDATE OF reply_count ON posts
           BEGIN INSERT INTO audit_log (post_id) VALUES (NEW.id); END`);

  const res = await other.post(`/api/v1/posts/${post.id}/replies`).send({ body: 'Lost?' });

  expect(res.status).toBe(500);
  expect(errors).toHaveLength(1);
  // The INSERT ran before the failing UPDATE, and was rolled back with it.
  expect(db.prepare('SELECT count(*) FROM replies').pluck().get()).toBe(0);
  expect(db.prepare('SELECT reply_count FROM posts').pluck().get()).toBe(0);
  expect(JSON.stringify(errors[0]!.err)).toContain('no such table: main.audit_log');
});
// #endregion transaction-test

// #region query-plan-test
test('each page is read in index order: no sort step, at page 1 or page 1,000', async () => {
  const { db } = await forum();
  const plan = (sql: string) =>
    db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((row) => (row as { detail: string }).detail);

  const posts = plan(`SELECT p.id FROM posts p JOIN users u ON u.id = p.author_id
                      ORDER BY p.last_activity_at DESC, p.id DESC LIMIT 20 OFFSET 19980`);
  const replies = plan('SELECT r.id FROM replies r WHERE r.post_id = 1 ORDER BY r.id LIMIT 20 OFFSET 19980');

  expect(posts).toContain('SCAN p USING INDEX posts_by_activity');
  expect(replies).toEqual(['SEARCH r USING COVERING INDEX replies_by_post (post_id=?)']);
  expect([...posts, ...replies].join('\n')).not.toContain('TEMP B-TREE');
});
// #endregion query-plan-test
