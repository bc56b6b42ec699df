// Check for lesson 12, exercise 2: GET /api/v1/posts?author=<user id> lists
// one member's posts, in the list's envelope and order. The check talks HTTP
// only: where each part goes is the exercise, and any arrangement that
// answers right passes.
import request from 'supertest';
import { expect } from 'vitest';
import { ada, adminAgent, approvedAgent, grace, loggedInAgent, makeApp } from '../../../../lessons/12-layered-architecture/test/helpers.ts';
import { expectation } from '../../expectation.ts';

/** Ada writes two posts and Grace one, a second apart; the admin writes none. */
async function forumWithPosts() {
  let time = Date.parse('2026-01-01T00:00:00.000Z');
  const { app } = makeApp({ now: () => (time += 1000) });
  const byAda = await approvedAgent(app, ada);
  const byGrace = await approvedAgent(app, grace);
  const admin = await adminAgent(app);
  for (const [agent, title] of [[byAda, 'Ada one'], [byGrace, 'Grace one'], [byAda, 'Ada two']] as const) {
    await agent.post('/api/v1/posts').send({ title, body: 'A post.' }).expect(201);
  }
  const idOf = async (agent: typeof admin) => ((await agent.get('/api/v1/auth/me').expect(200)).body as { id: number }).id;
  return { app, reader: byGrace, ids: { ada: await idOf(byAda), grace: await idOf(byGrace), admin: await idOf(admin) } };
}

const titles = (body: { data: { title: string }[] }) => body.data.map((post) => post.title);

expectation(
  '?author=<Ada\'s id> lists Ada\'s posts only, newest activity first, and total and pages count only hers',
  'Add author (an id, optional) to the list\'s query schema; pass it from the controller to PostsService.list(), and from there to the repository\'s list() and count(), whose SQL filters on p.author_id.',
  async () => {
    const { reader, ids } = await forumWithPosts();
    const res = await reader.get(`/api/v1/posts?author=${ids.ada}`);

    expect(res.status).toBe(200);
    expect(titles(res.body)).toEqual(['Ada two', 'Ada one']);
    expect(res.body).toMatchObject({ total: 2, pages: 1, page: 1, limit: 20 });
  },
);

expectation(
  'the filter pages like the list: ?author=<Ada\'s id>&limit=1&page=2 is her older post, of 2 pages',
  'Count with the same filter as the list: total and pages must describe Ada\'s posts, not all of them.',
  async () => {
    const { reader, ids } = await forumWithPosts();
    const res = await reader.get(`/api/v1/posts?author=${ids.ada}&limit=1&page=2`);

    expect(titles(res.body)).toEqual(['Ada one']);
    expect(res.body).toMatchObject({ page: 2, limit: 1, total: 2, pages: 2 });
  },
);

expectation(
  'an author without posts, or an id nobody has, is an empty page 1 of 1, not an error',
  'Do not look the author up in the service: zero posts is a page with no data, total 0 and pages 1.',
  async () => {
    const { reader, ids } = await forumWithPosts();
    for (const author of [ids.admin, 999]) {
      const res = await reader.get(`/api/v1/posts?author=${author}`);
      expect(res.status, String(author)).toBe(200);
      expect(res.body, String(author)).toMatchObject({ data: [], total: 0, page: 1, pages: 1 });
    }
  },
);

expectation(
  'without author, the list is every post, as before',
  'Keep the list working without the filter: a repository method that gets no authorId lists and counts every post.',
  async () => {
    const { reader } = await forumWithPosts();
    const res = await reader.get('/api/v1/posts');

    expect(titles(res.body)).toEqual(['Ada two', 'Grace one', 'Ada one']);
    expect(res.body.total).toBe(3);
  },
);

expectation(
  '?author=abc is a 400 that names author, in the query',
  'Validate author with the same id schema as the routes\' :id (a whole number from 1), so validate() refuses it before the controller runs.',
  async () => {
    const { reader } = await forumWithPosts();
    const res = await reader.get('/api/v1/posts?author=abc');

    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'author', location: 'query' })]));
  },
);

expectation(
  'the filtered list is for approved members too: 401 without a login, 403 while pending',
  'Keep the list route in the posts router, behind the approved guards.',
  async () => {
    const { app } = makeApp();
    const pending = await loggedInAgent(app, grace);

    expect((await request(app).get('/api/v1/posts?author=1')).status).toBe(401);
    expect((await pending.get('/api/v1/posts?author=1')).status).toBe(403);
  },
);
