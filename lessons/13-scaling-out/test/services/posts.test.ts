// The posts service's rules with in-memory repositories: ownership, the
// reply count, pagination. Milliseconds per test, no database.
import { expect, test } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../src/domain/errors.ts';
import type { Actor } from '../../src/domain/models.ts';
import { createPostsService } from '../../src/services/posts.ts';
import { memoryRepositories } from '../fakes.ts';

const author: Actor = { id: 1, role: 'member' };
const other: Actor = { id: 2, role: 'member' };
const admin: Actor = { id: 3, role: 'admin' };

// #region make-posts
/** A posts service on fresh in-memory repositories, three users, and a clock that moves one second per call. */
async function makePosts() {
  const repositories = memoryRepositories();
  for (const username of ['author', 'other', 'admin']) {
    await repositories.users.create({ username, email: `${username}@example.com`, passwordHash: 'x', status: 'approved', role: 'member', createdAt: 'now' });
  }
  let time = Date.parse('2025-01-01T00:00:00.000Z');
  const posts = createPostsService({ posts: repositories.posts, now: () => (time += 1000) });
  return { posts };
}
// #endregion make-posts

// #region ownership-tests
test('the author and an admin may edit a post; another member gets a ForbiddenError', async () => {
  const { posts } = await makePosts();
  const { id } = await posts.create(author, { title: 'Mine', body: 'Body' });

  await expect(posts.edit(other, id, { title: 'Theirs' })).rejects.toThrow(
    new ForbiddenError('Only the author of this post or an admin may change it'),
  );
  expect(await posts.edit(author, id, { title: 'Still mine' })).toMatchObject({ title: 'Still mine', body: 'Body' });
  expect(await posts.edit(admin, id, { body: 'Moderated' })).toMatchObject({ title: 'Still mine', body: 'Moderated' });
});

test('an edit moves updatedAt, not createdAt or lastActivityAt', async () => {
  const { posts } = await makePosts();
  const created = await posts.create(author, { title: 'T', body: 'B' });

  const edited = await posts.edit(author, created.id, { body: 'B2' });

  expect(edited.updatedAt > created.updatedAt).toBe(true);
  expect(edited).toMatchObject({ createdAt: created.createdAt, lastActivityAt: created.lastActivityAt });
});

test('only the author or an admin may delete; a post that does not exist is not found before anything else', async () => {
  const { posts } = await makePosts();
  const { id } = await posts.create(author, { title: 'T', body: 'B' });

  await expect(posts.delete(other, id)).rejects.toThrow(ForbiddenError);
  await expect(posts.delete(other, 99)).rejects.toThrow(new NotFoundError('Post not found'));
  await posts.delete(admin, id);
  await expect(posts.get(id)).rejects.toThrow(new NotFoundError('Post not found'));
});
// #endregion ownership-tests

// #region reply-tests
test('a reply counts on its post and moves the post to the top of the list', async () => {
  const { posts } = await makePosts();
  const first = await posts.create(author, { title: 'First', body: 'B' });
  await posts.create(author, { title: 'Second', body: 'B' });

  const reply = await posts.reply(other, first.id, 'Welcome');

  expect(reply).toMatchObject({ postId: first.id, body: 'Welcome', author: { id: 2, username: 'other' } });
  const { data } = await posts.list({ page: 1, limit: 20 });
  expect(data.map((post) => post.title)).toEqual(['First', 'Second']);
  expect(data[0]).toMatchObject({ replyCount: 1, lastActivityAt: reply.createdAt });
});

test('a reply to a post that does not exist is a NotFoundError', async () => {
  const { posts } = await makePosts();

  await expect(posts.reply(author, 99, 'Hello?')).rejects.toThrow(new NotFoundError('Post not found'));
});

test('replies read oldest first, a page at a time', async () => {
  const { posts } = await makePosts();
  const { id } = await posts.create(author, { title: 'T', body: 'B' });
  for (const body of ['one', 'two', 'three']) await posts.reply(other, id, body);

  const page = await posts.replies(id, { page: 2, limit: 2 });

  expect(page).toMatchObject({ page: 2, limit: 2, total: 3, pages: 2 });
  expect(page.data.map((reply) => reply.body)).toEqual(['three']);
});
// #endregion reply-tests

// #region pagination-tests
test('the list envelope: newest activity first, page and limit as asked, total and pages', async () => {
  const { posts } = await makePosts();
  for (let i = 1; i <= 5; i++) await posts.create(author, { title: `Post ${i}`, body: 'B' });

  const page = await posts.list({ page: 2, limit: 2 });

  expect(page).toMatchObject({ page: 2, limit: 2, total: 5, pages: 3 });
  expect(page.data.map((post) => post.title)).toEqual(['Post 3', 'Post 2']);
});

test('an empty list is page 1 of 1, and a page past the end is empty, not an error', async () => {
  const { posts } = await makePosts();

  expect(await posts.list({ page: 1, limit: 20 })).toEqual({ data: [], page: 1, limit: 20, total: 0, pages: 1 });
  await posts.create(author, { title: 'T', body: 'B' });
  expect(await posts.list({ page: 9, limit: 20 })).toEqual({ data: [], page: 9, limit: 20, total: 1, pages: 1 });
});
// #endregion pagination-tests
