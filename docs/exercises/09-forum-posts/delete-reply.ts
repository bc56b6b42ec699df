// Solution to lesson 09, exercise 3: delete a reply, and keep its post's count right.
import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import createError from 'http-errors';
import { replyParams } from './edit-reply.ts';
import { forumWith, type Forum } from './helpers.ts';

/** `DELETE /:id/replies/:replyId`: in your lesson, add the route inside createPostsRouter(). */
export function createDeleteReplyRoute({ db }: { db: Database }): Router {
  const findReply = db.prepare<{ postId: number; replyId: number }, { id: number; authorId: number }>(
    'SELECT id, author_id AS authorId FROM replies WHERE id = @replyId AND post_id = @postId',
  );
  // #region remove-reply
  const deleteReply = db.prepare<{ replyId: number }>('DELETE FROM replies WHERE id = @replyId');
  // One reply fewer, and the post's last activity back to what it was
  // without it: the newest reply left, or the post itself if none is.
  const uncountReply = db.prepare<{ postId: number }>(
    `UPDATE posts SET reply_count = reply_count - 1,
       last_activity_at = COALESCE((SELECT max(created_at) FROM replies WHERE post_id = @postId), created_at)
     WHERE id = @postId`,
  );
  /** The reply and its place in the post's count, or neither: one transaction, as adding a reply is. */
  const removeReply = db.transaction((reply: { postId: number; replyId: number }) => {
    deleteReply.run(reply);
    uncountReply.run(reply);
  });
  // #endregion remove-reply
  const router = Router();

  // #region route
  router.delete('/:id/replies/:replyId', validate({ params: replyParams }), (req, res) => {
    const reply = findReply.get({ postId: req.params.id, replyId: req.params.replyId });
    if (reply === undefined) throw createError(404, 'Reply not found');
    // The lesson's rule for posts, applied to replies: the author or an admin.
    if (reply.authorId !== req.user!.id && req.user!.role !== 'admin') {
      throw createError(403, 'Only the author of this reply or an admin may delete it');
    }
    removeReply({ postId: req.params.id, replyId: reply.id });
    res.status(204).end();
  });
  // #endregion route
  return router;
}

/** Lesson 09 with the route, behind the same guards as the other posts routes. */
export const forumWithReplyDeletes: Forum = forumWith({
  posts: ({ db }) => [createDeleteReplyRoute({ db })],
});
