// The SQLite repositories: the contract every implementation keeps, and what
// only SQL can get wrong (the transaction).
import { expect, onTestFinished, test } from 'vitest';
import { openDatabase } from '../../src/db.ts';
import { createSqlitePostsRepository } from '../../src/repositories/sqlite/posts.ts';
import { createSqliteUsersRepository } from '../../src/repositories/sqlite/users.ts';
import { repositoryContract } from './contract.ts';

function openRepositories() {
  const db = openDatabase(':memory:');
  onTestFinished(() => {
    db.close();
  });
  return { db, users: createSqliteUsersRepository(db), posts: createSqlitePostsRepository(db) };
}

repositoryContract(openRepositories);

// #region atomic-reply-test
test('addReply is one transaction: when the reply cannot be stored, the post is not counted either', async () => {
  const { db, users, posts } = openRepositories();
  const { id: authorId } = await users.create({ username: 'ada', email: 'ada@example.com', passwordHash: 'x', status: 'approved', role: 'member', createdAt: 'now' });
  const post = await posts.create({ authorId, title: 't', body: 'b', at: '2025-01-01T00:00:00.000Z' });

  // The post's count is updated first; the reply's insert then fails (no user 99: a foreign key).
  await expect(posts.addReply({ postId: post.id, authorId: 99, body: 'hi', at: '2025-01-02T00:00:00.000Z' })).rejects.toThrow(/FOREIGN KEY/);

  expect(await posts.findById(post.id)).toMatchObject({ replyCount: 0, lastActivityAt: '2025-01-01T00:00:00.000Z' });
  expect(db.prepare('SELECT count(*) FROM replies').pluck().get()).toBe(0);
});
// #endregion atomic-reply-test

test('a SQLite error that is not a taken name goes up as it is', async () => {
  const { users } = openRepositories();

  await expect(
    users.create({ username: 'ada', email: 'ada@example.com', passwordHash: 'x', status: 'banned' as 'pending', role: 'member', createdAt: 'now' }),
  ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_CHECK' });
});
