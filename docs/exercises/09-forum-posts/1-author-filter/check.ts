// Check for lesson 09, exercise 1: GET /api/v1/posts?author=<username>.
import request from 'supertest';
import { expect } from 'vitest';
import { openDatabase } from '../../../../lessons/09-forum-posts/src/db.ts';
import { ada, adminAgent, approvedAgent, grace, loggedInAgent, makeApp } from '../../../../lessons/09-forum-posts/test/helpers.ts';
import { expectation } from '../../expectation.ts';

/** Ada writes two posts and Grace one, a second apart. */
async function forumWithPosts() {
  let time = Date.parse('2026-01-01T00:00:00.000Z');
  const { app } = makeApp({ now: () => (time += 1000) });
  const admin = await adminAgent(app);
  const byAda = await approvedAgent(app, ada);
  const byGrace = await approvedAgent(app, grace);
  for (const [agent, title] of [[byAda, 'Ada one'], [byGrace, 'Grace one'], [byAda, 'Ada two']] as const) {
    await agent.post('/api/v1/posts').send({ title, body: 'A post.' }).expect(201);
  }
  return { app, admin, reader: byGrace };
}

const titles = (body: { data: { title: string }[] }) => body.data.map((post) => post.title);

expectation(
  '?author=ada lists Ada\'s posts only, newest activity first, and total and pages count only hers',
  'Add author to the list\'s query schema (a username, optional) and a statement that joins users and filters on u.username.',
  async () => {
    const { reader } = await forumWithPosts();
    const res = await reader.get('/api/v1/posts?author=ada');

    expect(res.status).toBe(200);
    expect(titles(res.body)).toEqual(['Ada two', 'Ada one']);
    expect(res.body).toMatchObject({ total: 2, pages: 1, page: 1 });
  },
);

expectation(
  'the username matches whatever its letter case: ?author=ADA is Ada',
  'Compare with COLLATE NOCASE, as the users_username_nocase index does.',
  async () => {
    const { reader } = await forumWithPosts();

    expect(titles((await reader.get('/api/v1/posts?author=ADA')).body)).toEqual(['Ada two', 'Ada one']);
  },
);

expectation(
  'a name nobody has, or an author without posts, is an empty page 1 of 1, not an error',
  'Count with the same filter: zero posts is a page with no data, total 0 and pages 1.',
  async () => {
    const { reader } = await forumWithPosts();
    for (const author of ['nobody', 'admin']) {
      const res = await reader.get(`/api/v1/posts?author=${author}`);
      expect(res.status, author).toBe(200);
      expect(res.body, author).toMatchObject({ data: [], total: 0, page: 1, pages: 1 });
    }
  },
);

expectation(
  'without author, the list is every post, newest activity first',
  'Keep the lesson\'s statement for a request without author.',
  async () => {
    const { reader } = await forumWithPosts();
    const res = await reader.get('/api/v1/posts');

    expect(titles(res.body)).toEqual(['Ada two', 'Grace one', 'Ada one']);
    expect(res.body.total).toBe(3);
  },
);

expectation(
  'the filtered list is for approved members too: 401 without a login, 403 while pending',
  'Keep the list route in the posts router, behind the approved guards.',
  async () => {
    const { app } = makeApp();
    const pending = await loggedInAgent(app, grace);

    expect((await request(app).get('/api/v1/posts?author=ada')).status).toBe(401);
    expect((await pending.get('/api/v1/posts?author=ada')).status).toBe(403);
  },
);

expectation(
  'SQLite reads one author\'s page in order from an index: no sort (EXPLAIN QUERY PLAN)',
  'posts_by_author (author_id) finds the posts in id order, so SQLite sorts them: add a migration step with an index in the list\'s order, for one author.',
  async () => {
    const db = openDatabase(':memory:');
    try {
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT p.id FROM posts p WHERE p.author_id = 1
           ORDER BY p.last_activity_at DESC, p.id DESC LIMIT 20 OFFSET 0`,
        )
        .all() as { detail: string }[];
      const details = plan.map((step) => step.detail).join('\n');

      expect(details).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    } finally {
      db.close();
    }
  },
);
