// What every implementation of the repository interfaces must do, as tests
// that take the implementation as an argument. sqlite.test.ts runs them on
// SQLite, memory.test.ts on the fakes the service tests use; lesson 13 runs
// them on PostgreSQL.
import { expect, test } from 'vitest';
import { ConflictError } from '../../src/domain/errors.ts';
import type { PostsRepository } from '../../src/repositories/posts-repository.ts';
import type { NewUser, UsersRepository } from '../../src/repositories/users-repository.ts';

export interface Repositories {
  users: UsersRepository;
  posts: PostsRepository;
}

const newUser = (username: string): NewUser => ({
  username,
  email: `${username.toLowerCase()}@example.com`,
  passwordHash: `hash-of-${username}`,
  status: 'pending',
  role: 'member',
  createdAt: '2025-01-01T00:00:00.000Z',
});

const at = (second: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, second)).toISOString();

// #region contract
export function repositoryContract(make: () => Repositories): void {
  test('users: create answers the user without its hash; findByEmailWithHash is the one way to read the hash', async () => {
    const { users } = make();

    const ada = await users.create(newUser('ada'));

    expect(ada).toEqual({ id: ada.id, username: 'ada', email: 'ada@example.com', status: 'pending', role: 'member', createdAt: '2025-01-01T00:00:00.000Z' });
    expect(await users.findById(ada.id)).toEqual(ada);
    expect(await users.findByEmailWithHash('ada@example.com')).toEqual({ ...ada, passwordHash: 'hash-of-ada' });
    expect(await users.findByEmailWithHash('nobody@example.com')).toBeUndefined();
  });

  test('users: a taken username, in any letter case, or email is a ConflictError naming the field', async () => {
    const { users } = make();
    await users.create(newUser('ada'));

    await expect(users.create({ ...newUser('ADA'), email: 'other@example.com' })).rejects.toThrow(new ConflictError('username is already taken'));
    await expect(users.create({ ...newUser('other'), email: 'ada@example.com' })).rejects.toThrow(new ConflictError('email is already taken'));
  });

  test('users: list pages by id within a status; count counts the same set; setAccess changes status and role', async () => {
    const { users } = make();
    for (const name of ['a1', 'a2', 'a3', 'a4']) await users.create(newUser(name));
    await users.setAccess(2, { status: 'approved' });

    expect((await users.list({ status: 'pending', limit: 2, offset: 1 })).map((user) => user.id)).toEqual([3, 4]);
    expect((await users.list({ limit: 10, offset: 0 })).map((user) => user.id)).toEqual([1, 2, 3, 4]);
    expect(await users.count({ status: 'pending' })).toBe(3);
    expect(await users.count({})).toBe(4);
    expect(await users.setAccess(1, { status: 'approved', role: 'admin' })).toMatchObject({ id: 1, status: 'approved', role: 'admin' });
    expect(await users.setAccess(2, { status: 'approved' })).toMatchObject({ role: 'member' });
    expect(await users.setAccess(99, { status: 'approved' })).toBeUndefined();
  });

  test('posts: newest activity first, and the newest id first among equal times, page by page', async () => {
    const { users, posts } = make();
    const { id: authorId } = await users.create(newUser('ada'));
    // Three posts in the same second: only the id orders them.
    for (const title of ['one', 'two', 'three']) await posts.create({ authorId, title, body: 'b', at: at(1) });
    await posts.create({ authorId, title: 'older', body: 'b', at: at(0) });

    const first = await posts.list({ limit: 2, offset: 0 });
    const second = await posts.list({ limit: 2, offset: 2 });

    expect([...first, ...second].map((post) => post.title)).toEqual(['three', 'two', 'one', 'older']);
    expect(first[0]).toMatchObject({ author: { id: authorId, username: 'ada' }, replyCount: 0, createdAt: at(1), updatedAt: at(1), lastActivityAt: at(1) });
    expect(await posts.count()).toBe(4);
  });

  // #region add-reply-contract
  test('posts: addReply stores the reply and counts it on the post, with the post\'s last activity', async () => {
    const { users, posts } = make();
    const { id: authorId } = await users.create(newUser('ada'));
    const post = await posts.create({ authorId, title: 't', body: 'b', at: at(0) });

    const reply = await posts.addReply({ postId: post.id, authorId, body: 'hi', at: at(5) });

    expect(reply).toEqual({ id: reply!.id, postId: post.id, body: 'hi', author: { id: authorId, username: 'ada' }, createdAt: at(5) });
    expect(await posts.findById(post.id)).toMatchObject({ replyCount: 1, lastActivityAt: at(5), updatedAt: at(0) });
  });

  test('posts: addReply to a post that does not exist stores nothing and answers undefined', async () => {
    const { users, posts } = make();
    const { id: authorId } = await users.create(newUser('ada'));

    expect(await posts.addReply({ postId: 42, authorId, body: 'hi', at: at(5) })).toBeUndefined();
    expect(await posts.countReplies(42)).toBe(0);
  });
  // #endregion add-reply-contract

  test('posts: replies oldest first, paged; update keeps what it is not given; delete takes the replies along', async () => {
    const { users, posts } = make();
    const { id: authorId } = await users.create(newUser('ada'));
    const post = await posts.create({ authorId, title: 't', body: 'b', at: at(0) });
    for (const body of ['one', 'two', 'three']) await posts.addReply({ postId: post.id, authorId, body, at: at(1) });

    expect((await posts.listReplies(post.id, { limit: 2, offset: 1 })).map((reply) => reply.body)).toEqual(['two', 'three']);
    expect(await posts.update(post.id, { body: 'b2', at: at(9) })).toMatchObject({ title: 't', body: 'b2', updatedAt: at(9), replyCount: 3 });
    expect(await posts.update(99, { title: 'x', at: at(9) })).toBeUndefined();

    await posts.delete(post.id);

    expect(await posts.findById(post.id)).toBeUndefined();
    expect(await posts.countReplies(post.id)).toBe(0);
  });
}
// #endregion contract
