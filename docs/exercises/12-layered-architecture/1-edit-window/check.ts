// Check for lesson 12, exercise 1: a member may edit their post for one hour
// after writing it; an admin at any time. The rule is the posts service's:
// the last expectations call the service itself, on the in-memory fakes,
// with no HTTP in between.
import { expect } from 'vitest';
import { ForbiddenError } from '../../../../lessons/12-layered-architecture/src/domain/errors.ts';
import { createPostsService } from '../../../../lessons/12-layered-architecture/src/services/posts.ts';
import { memoryRepositories } from '../../../../lessons/12-layered-architecture/test/fakes.ts';
import { adminAgent, approvedAgent, grace, makeApp } from '../../../../lessons/12-layered-architecture/test/helpers.ts';
import { expectation } from '../../expectation.ts';

const minutes = (n: number) => n * 60 * 1000;

/** An app on a clock the test moves, and a post by Ada written at its start. */
async function forumWithPost() {
  let time = Date.parse('2026-01-01T12:00:00.000Z');
  const clock = { advance: (ms: number) => (time += ms) };
  const { app } = makeApp({ now: () => time });
  const ada = await approvedAgent(app);
  const { body: post } = await ada.post('/api/v1/posts').send({ title: 'Mine', body: 'Written at noon.' }).expect(201);
  return { app, ada, post, clock };
}

expectation(
  'the author may edit their post 59 minutes after writing it',
  'Keep the author\'s edits working inside the hour: compare the service\'s clock, now(), with the post\'s createdAt.',
  async () => {
    const { ada, post, clock } = await forumWithPost();
    clock.advance(minutes(59));

    const res = await ada.patch(`/api/v1/posts/${post.id}`).send({ title: 'Still mine' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: post.id, title: 'Still mine' });
  },
);

expectation(
  'after an hour, the author\'s edit is a 403 in problem details, and the post is unchanged',
  'In the posts service\'s edit(), after the ownership check, throw a ForbiddenError when more than an hour has passed since post.createdAt. The mapping in src/http/domain-errors.ts already makes it a 403.',
  async () => {
    const { ada, post, clock } = await forumWithPost();
    clock.advance(minutes(61));

    const res = await ada.patch(`/api/v1/posts/${post.id}`).send({ title: 'Too late' });

    expect(res.status).toBe(403);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 403, title: 'Forbidden', instance: `/api/v1/posts/${post.id}` });
    expect(res.body.detail).toMatch(/hour/i);
    expect((await ada.get(`/api/v1/posts/${post.id}`)).body).toMatchObject({ title: 'Mine' });
  },
);

expectation(
  'an admin may still edit after the hour, and the author may still delete',
  'The hour limits the author\'s edits only: skip it for an actor whose role is admin, and leave delete() as it is.',
  async () => {
    const { app, ada, post, clock } = await forumWithPost();
    clock.advance(minutes(24 * 60));
    const admin = await adminAgent(app);

    await admin.patch(`/api/v1/posts/${post.id}`).send({ body: 'Moderated.' }).expect(200);
    await ada.delete(`/api/v1/posts/${post.id}`).expect(204);
  },
);

expectation(
  'the other answers stay: another member gets the ownership 403, a missing post a 404',
  'Check the hour after "not found" and after "not the author or an admin", so that those answers do not change.',
  async () => {
    const { app, post, clock } = await forumWithPost();
    const other = await approvedAgent(app, grace);
    clock.advance(minutes(5));

    const refused = await other.patch(`/api/v1/posts/${post.id}`).send({ title: 'Theirs' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('Only the author of this post or an admin may change it');
    await other.patch('/api/v1/posts/999').send({ title: 'Nobody\'s' }).expect(404);
  },
);

expectation(
  'the rule is the service\'s: posts.edit() called without HTTP rejects with a ForbiddenError after the hour',
  'Put the check in src/services/posts.ts, not in the controller or the route: a script that calls the service must meet the same rule.',
  async () => {
    const { posts: repository, users } = memoryRepositories();
    const author = await users.create({ username: 'ada', email: 'ada@example.com', passwordHash: 'x', status: 'approved', role: 'member', createdAt: 'then' });
    let time = Date.parse('2026-01-01T12:00:00.000Z');
    const posts = createPostsService({ posts: repository, now: () => time });
    const actor = { id: author.id, role: 'member' as const };
    const { id } = await posts.create(actor, { title: 'Mine', body: 'B' });

    time += minutes(30);
    await expect(posts.edit(actor, id, { title: 'Fine' })).resolves.toMatchObject({ title: 'Fine' });
    time += minutes(31);
    await expect(posts.edit(actor, id, { title: 'Too late' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(posts.edit({ id: 99, role: 'admin' }, id, { title: 'Moderated' })).resolves.toMatchObject({ title: 'Moderated' });
  },
);
