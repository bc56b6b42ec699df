// A common mistake of lesson 09, and its symptom: when the second statement
// fails, the first one stays. The lesson's route, in one transaction, keeps
// neither.
import { expect, test } from 'vitest';
import { ada, grace, lesson, logInAdmin, logInApproved, startForum, writePost, type Forum } from './helpers.ts';
import { forumWithoutTransaction } from './reply-without-transaction.ts';

/** Posts a reply while the post's count cannot be updated; returns what readers see after. */
async function replyWhileCountingFails(forum: Forum) {
  const { app, db } = startForum(forum);
  const admin = await logInAdmin(app);
  const { agent: author } = await logInApproved(app, ada, admin);
  const { agent: other } = await logInApproved(app, grace, admin);
  const postId = await writePost(author);
  // The lesson's transaction test does the same: a trigger that writes to a
  // table that does not exist makes the UPDATE of the count fail.
  db.exec(`CREATE TRIGGER audit_count BEFORE UPDATE OF reply_count ON posts
           BEGIN INSERT INTO audit_log (post_id) VALUES (NEW.id); END`);

  const res = await other.post(`/api/v1/posts/${postId}/replies`).send({ body: 'Lost?' });

  db.exec('DROP TRIGGER audit_count');
  const { body: post } = await author.get(`/api/v1/posts/${postId}`);
  const { body: replies } = await author.get(`/api/v1/posts/${postId}/replies`);
  return { status: res.status, replyCount: post.replyCount, total: replies.total, replies: replies.data.length };
}

// #region test
test('without a transaction, a failed reply is half stored: the list shows it, the count does not', async () => {
  // The client was told 500, yet the reply is there, and the count is wrong for good.
  expect(await replyWhileCountingFails(forumWithoutTransaction)).toEqual({ status: 500, replyCount: 0, total: 1, replies: 1 });
  // The lesson's route: the same 500, and nothing stored.
  expect(await replyWhileCountingFails(lesson)).toEqual({ status: 500, replyCount: 0, total: 0, replies: 0 });
});
// #endregion test
