// Check for lesson 09, exercise 3: delete a reply, and keep its post's count
// and last activity right, in one transaction.
import request from 'supertest';
import { expect } from 'vitest';
import { ada, adminAgent, approvedAgent, grace, loggedInAgent, makeApp } from '../../../../lessons/09-forum-posts/test/helpers.ts';
import { expectation } from '../../expectation.ts';

/** Ada's post, a reply by Grace and then one by Ada, a second apart. */
async function twoReplies() {
  let time = Date.parse('2026-01-01T00:00:00.000Z');
  const iso = () => new Date(time).toISOString();
  const { app, db } = makeApp({ now: () => time });
  const admin = await adminAgent(app);
  const author = await approvedAgent(app, ada);
  const other = await approvedAgent(app, grace);
  time += 1000;
  const postId = (await author.post('/api/v1/posts').send({ title: 'Hello', body: 'A post.' }).expect(201)).body.id as number;
  const postedAt = iso();
  time += 1000;
  const byGrace = (await other.post(`/api/v1/posts/${postId}/replies`).send({ body: 'from Grace' }).expect(201)).body.id as number;
  const graceAt = iso();
  time += 1000;
  const byAda = (await author.post(`/api/v1/posts/${postId}/replies`).send({ body: 'from Ada' }).expect(201)).body.id as number;
  const path = (replyId: number) => `/api/v1/posts/${postId}/replies/${replyId}`;
  /** What a reader sees: the post's count and last activity, and the replies' bodies. */
  const seen = async () => {
    const { body: post } = await author.get(`/api/v1/posts/${postId}`).expect(200);
    const { body: replies } = await author.get(`/api/v1/posts/${postId}/replies`).expect(200);
    return { replyCount: post.replyCount, lastActivityAt: post.lastActivityAt, replies: replies.data.map((reply: { body: string }) => reply.body) };
  };
  return { app, db, admin, author, other, postId, byGrace, byAda, postedAt, graceAt, path, seen };
}

expectation(
  'a reply\'s author deletes it: 204, it is gone, and the post counts one reply fewer',
  'Add router.delete(\'/:id/replies/:replyId\', …): delete the reply and decrement posts.reply_count.',
  async () => {
    const { other, byGrace, path, seen } = await twoReplies();

    expect((await other.delete(path(byGrace))).status).toBe(204);
    expect(await seen()).toMatchObject({ replyCount: 1, replies: ['from Ada'] });
  },
);

expectation(
  'deleting the newest reply puts the post\'s last activity back: to the reply before, then to the post',
  'Compute last_activity_at again: the newest created_at among the replies left, or the post\'s created_at (COALESCE).',
  async () => {
    const { author, admin, byAda, byGrace, postedAt, graceAt, path, seen } = await twoReplies();
    await author.delete(path(byAda)).expect(204);

    expect((await seen()).lastActivityAt).toBe(graceAt);
    await admin.delete(path(byGrace)).expect(204);
    expect(await seen()).toEqual({ replyCount: 0, lastActivityAt: postedAt, replies: [] });
  },
);

expectation(
  'an admin may delete anyone\'s reply; another member, the post\'s author included, gets 403 and nothing changes',
  'The rule for posts, for replies: the reply\'s author or an admin (req.user.role).',
  async () => {
    const { author, admin, byGrace, path, seen } = await twoReplies();

    expect((await author.delete(path(byGrace))).status).toBe(403);
    expect(await seen()).toMatchObject({ replyCount: 2, replies: ['from Grace', 'from Ada'] });
    expect((await admin.delete(path(byGrace))).status).toBe(204);
  },
);

expectation(
  'when the post cannot be updated, the reply is not deleted either: 500, and nothing changed',
  'Run both writes inside one db.transaction(), as addReply() does: if the second throws, the first is undone.',
  async () => {
    const { db, other, byGrace, path, seen } = await twoReplies();
    const before = await seen();
    // As in the lesson's transaction test: a trigger that writes to a table that does not exist.
    db.exec(`CREATE TRIGGER audit_count BEFORE UPDATE OF reply_count ON posts
             BEGIN INSERT INTO audit_log (post_id) VALUES (NEW.id); END`);

    expect((await other.delete(path(byGrace))).status).toBe(500);
    db.exec('DROP TRIGGER audit_count');
    expect(await seen()).toEqual(before);
  },
);

expectation(
  'when the reply cannot be deleted, the post is not updated either: 500, and nothing changed',
  'Whichever write runs first, the transaction must undo it when the other fails.',
  async () => {
    const { db, other, byGrace, path, seen } = await twoReplies();
    const before = await seen();
    db.exec(`CREATE TRIGGER audit_delete AFTER DELETE ON replies
             BEGIN INSERT INTO audit_log (reply_id) VALUES (OLD.id); END`);

    expect((await other.delete(path(byGrace))).status).toBe(500);
    db.exec('DROP TRIGGER audit_delete');
    expect(await seen()).toEqual(before);
  },
);

expectation(
  'a reply that does not exist, or under another post\'s id, is 404 Reply not found',
  'Look the reply up by its id AND the post id of the path, before checking who may delete it.',
  async () => {
    const { author, other, postId, byGrace, seen } = await twoReplies();
    const otherPost = (await author.post('/api/v1/posts').send({ title: 'Another', body: 'A post.' }).expect(201)).body.id as number;
    for (const path of [`/api/v1/posts/${postId}/replies/42`, `/api/v1/posts/${otherPost}/replies/${byGrace}`]) {
      const res = await other.delete(path);
      expect(res.status, path).toBe(404);
      expect(res.body.detail, path).toBe('Reply not found');
    }
    expect((await seen()).replyCount).toBe(2);
  },
);

expectation(
  'deleting is for approved members too: 401 without a login, 403 while pending',
  'Keep the route in the posts router, behind the approved guards.',
  async () => {
    const { app } = makeApp();
    const pending = await loggedInAgent(app, grace);

    expect((await request(app).delete('/api/v1/posts/1/replies/1')).status).toBe(401);
    expect((await pending.delete('/api/v1/posts/1/replies/1')).status).toBe(403);
  },
);
