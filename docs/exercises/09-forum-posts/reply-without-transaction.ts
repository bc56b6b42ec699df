// A common mistake in lesson 09: adding a reply and counting it in two
// statements, without a transaction.
import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import createError from 'http-errors';
import { newReplyBody, postIdParams } from '../../../lessons/09-forum-posts/src/schemas/posts.ts';
import { forumWith, type Forum } from './helpers.ts';

/** `POST /:id/replies` as the lesson writes it, but for db.transaction(). */
export function createRepliesWithoutTransaction({ db, now }: { db: Database; now: () => number }): Router {
  const postExists = db.prepare<[number], 1>('SELECT 1 FROM posts WHERE id = ?').pluck();
  const insertReply = db.prepare<{ postId: number; authorId: number; body: string; at: string }, { id: number }>(
    `INSERT INTO replies (post_id, author_id, body, created_at) VALUES (@postId, @authorId, @body, @at) RETURNING id`,
  );
  const countReply = db.prepare<{ postId: number; at: string }>(
    `UPDATE posts SET reply_count = reply_count + 1, last_activity_at = @at WHERE id = @postId`,
  );
  const router = Router();

  router.post('/:id/replies', validate({ params: postIdParams, body: newReplyBody }), (req, res) => {
    if (postExists.get(req.params.id) === undefined) throw createError(404, 'Post not found');
    const reply = { postId: req.params.id, authorId: Number(req.user!.id), body: req.body.body, at: new Date(now()).toISOString() };
    // #region mistake
    // Two statements, two transactions: SQLite commits each one on its own.
    const { id } = insertReply.get(reply)!;
    countReply.run(reply);
    // #endregion mistake
    res.status(201).location(`/api/v1/posts/${reply.postId}/replies`).json({ id, ...reply });
  });
  return router;
}

/** Lesson 09 with that route in front of its own. */
export const forumWithoutTransaction: Forum = forumWith({
  posts: ({ db, now }) => [createRepliesWithoutTransaction({ db, now })],
});
