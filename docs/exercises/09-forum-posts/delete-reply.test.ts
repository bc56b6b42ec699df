// The checks of lesson 09, exercise 3 (delete a reply, and keep the post's
// count and last activity right), run against the solution and against
// lesson 09 as it is.
import type { Database } from 'better-sqlite3';
import request from 'supertest';
import { expect, test } from 'vitest';
import { createDeleteReplyRoute, forumWithReplyDeletes } from './delete-reply.ts';
import { ada, forumWith, grace, lesson, logIn, logInAdmin, logInApproved, startForum, testClock, writePost, writeReply, type Check, type Forum } from './helpers.ts';

/** Ada's post, a reply by Grace and then one by Ada, a second apart. */
async function twoReplies(forum: Forum) {
  const clock = testClock();
  const { app, db } = startForum(forum, { now: clock.now });
  const admin = await logInAdmin(app);
  const { agent: author } = await logInApproved(app, ada, admin);
  const { agent: other } = await logInApproved(app, grace, admin);
  clock.advance(1000);
  const postId = await writePost(author);
  const postedAt = clock.iso();
  clock.advance(1000);
  const byGrace = await writeReply(other, postId, 'from Grace');
  const graceAt = clock.iso();
  clock.advance(1000);
  const byAda = await writeReply(author, postId, 'from Ada');
  const path = (replyId: number) => `/api/v1/posts/${postId}/replies/${replyId}`;
  /** What a reader sees: the post's count and last activity, and the replies' bodies. */
  const seen = async () => {
    const { body: post } = await author.get(`/api/v1/posts/${postId}`).expect(200);
    const { body: replies } = await author.get(`/api/v1/posts/${postId}/replies`).expect(200);
    return { replyCount: post.replyCount, lastActivityAt: post.lastActivityAt, replies: replies.data.map((reply: { body: string }) => reply.body) };
  };
  return { app, db, admin, author, other, postId, byGrace, byAda, postedAt, graceAt, path, seen };
}

// #region checks
const checks: Check[] = [
  {
    name: "a reply's author deletes it: 204, it is gone, and the post counts one reply fewer",
    isNew: true,
    run: async (forum) => {
      const { other, byGrace, path, seen } = await twoReplies(forum);

      expect((await other.delete(path(byGrace))).status).toBe(204);
      expect(await seen()).toMatchObject({ replyCount: 1, replies: ['from Ada'] });
    },
  },
  {
    name: "deleting the newest reply puts the post's last activity back: to the reply before, then to the post",
    isNew: true,
    run: async (forum) => {
      const { author, admin, byAda, byGrace, postedAt, graceAt, path, seen } = await twoReplies(forum);

      await author.delete(path(byAda)).expect(204);
      expect((await seen()).lastActivityAt).toBe(graceAt);
      await admin.delete(path(byGrace)).expect(204);
      expect(await seen()).toEqual({ replyCount: 0, lastActivityAt: postedAt, replies: [] });
    },
  },
  {
    name: "an admin may delete anyone's reply; another member, the post's author included, gets 403 and nothing changes",
    isNew: true,
    run: async (forum) => {
      const { author, admin, byGrace, path, seen } = await twoReplies(forum);

      const refused = await author.delete(path(byGrace));
      expect(refused.status).toBe(403);
      expect(await seen()).toMatchObject({ replyCount: 2, replies: ['from Grace', 'from Ada'] });
      expect((await admin.delete(path(byGrace))).status).toBe(204);
      expect(await seen()).toMatchObject({ replyCount: 1, replies: ['from Ada'] });
    },
  },
  {
    name: 'when the post cannot be updated, the reply is not deleted either: 500, and nothing changed',
    isNew: true,
    run: async (forum) => {
      const { db, other, byGrace, path, seen } = await twoReplies(forum);
      const before = await seen();
      // As in the lesson's transaction test: a trigger that writes to a table that does not exist.
      db.exec(`CREATE TRIGGER audit_count BEFORE UPDATE OF reply_count ON posts
               BEGIN INSERT INTO audit_log (post_id) VALUES (NEW.id); END`);

      expect((await other.delete(path(byGrace))).status).toBe(500);
      db.exec('DROP TRIGGER audit_count');
      expect(await seen()).toEqual(before);
    },
  },
  {
    name: 'when the reply cannot be deleted, the post is not updated either: 500, and nothing changed',
    isNew: true,
    run: async (forum) => {
      const { db, other, byGrace, path, seen } = await twoReplies(forum);
      const before = await seen();
      // The other order: whichever statement runs second, the first is undone.
      db.exec(`CREATE TRIGGER audit_delete AFTER DELETE ON replies
               BEGIN INSERT INTO audit_log (reply_id) VALUES (OLD.id); END`);

      expect((await other.delete(path(byGrace))).status).toBe(500);
      db.exec('DROP TRIGGER audit_delete');
      expect(await seen()).toEqual(before);
    },
  },
  {
    name: "a reply that does not exist, or under another post's id, is 404 Reply not found",
    isNew: true,
    run: async (forum) => {
      const { author, other, postId, byGrace, seen } = await twoReplies(forum);
      const otherPost = await writePost(author);

      for (const path of [`/api/v1/posts/${postId}/replies/42`, `/api/v1/posts/${otherPost}/replies/${byGrace}`]) {
        const res = await other.delete(path);
        expect(res.status).toBe(404);
        expect(res.body.detail).toBe('Reply not found');
      }
      expect((await seen()).replyCount).toBe(2);
    },
  },
  {
    name: 'deleting is for approved members too: 401 without a login, 403 while pending',
    isNew: false,
    run: async (forum) => {
      const { app } = startForum(forum);
      const { agent: pending } = await logIn(app, grace);

      expect((await request(app).delete('/api/v1/posts/1/replies/1')).status).toBe(401);
      expect((await pending.delete('/api/v1/posts/1/replies/1')).status).toBe(403);
    },
  },
];
// #endregion checks

test.for(checks.map((check) => [check.name, check] as const))('solution: %s', async ([, check]) => {
  await check.run(forumWithReplyDeletes);
});

test.for(checks.map((check) => [check.name, check] as const))('lesson 09 as it is: %s', async ([, check]) => {
  if (check.isNew) await expect(check.run(lesson), 'a check of the new behaviour must fail before the exercise').rejects.toThrow();
  else await check.run(lesson);
});

// The two checks above that make a write fail are what holds an answer to
// the transaction. This one runs them against the solution with
// db.transaction() turned into a plain function call: the reply is deleted,
// the update fails, and the check sees a post that counts a reply it no
// longer has.
test('without db.transaction(), the solution fails the check of the failing update', async () => {
  const withoutTransactions = (db: Database): Database =>
    new Proxy(db, {
      get(target, name) {
        if (name === 'transaction') return <F extends (...args: never[]) => unknown>(fn: F) => fn;
        const value: unknown = Reflect.get(target, name, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const broken = forumWith({ posts: ({ db }) => [createDeleteReplyRoute({ db: withoutTransactions(db) })] });
  const failingUpdate = checks.find((check) => check.name.startsWith('when the post cannot be updated'))!;
  const failingDelete = checks.find((check) => check.name.startsWith('when the reply cannot be deleted'))!;

  await expect(failingUpdate.run(broken)).rejects.toThrow();
  // The delete runs first in the solution, so when it fails, nothing else has run yet.
  await failingDelete.run(broken);
});
