// Solution to lesson 09, exercise 2: a reply's author may edit it for 15 minutes.
import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import createError from 'http-errors';
import { z } from 'zod';
import type { Reply } from '../../../lessons/09-forum-posts/src/routes/posts.ts';
import { newReplyBody } from '../../../lessons/09-forum-posts/src/schemas/posts.ts';
import { id } from '../../../lessons/09-forum-posts/src/schemas/users.ts';
import { forumWith, type Forum } from './helpers.ts';

// #region window
/** How long after posting a reply its author may still change it. */
export const REPLY_EDIT_WINDOW_MS = 15 * 60 * 1000;

/** `/:id/replies/:replyId`: two positive whole numbers, the post's id and the reply's. */
export const replyParams = z.object({ id, replyId: id });
// #endregion window

// In your lesson these two are in src/routes/posts.ts already.
const replyColumns = `r.id, r.post_id AS postId, r.body, r.created_at AS createdAt, u.id AS authorId, u.username AS authorName`;
type ReplyRow = Omit<Reply, 'author'> & { authorId: number; authorName: string };
const toReply = ({ authorId, authorName, ...reply }: ReplyRow): Reply => ({ ...reply, author: { id: authorId, username: authorName } });

/** `PATCH /:id/replies/:replyId`: in your lesson, add the route inside createPostsRouter(). */
export function createEditReplyRoute({ db, now }: { db: Database; now: () => number }): Router {
  // #region statements
  // The reply, only if it belongs to the post the path names: a reply's id
  // under another post's path is a 404, not a way to reach it.
  const findReply = db.prepare<{ postId: number; replyId: number }, ReplyRow>(
    `SELECT ${replyColumns} FROM replies r JOIN users u ON u.id = r.author_id WHERE r.id = @replyId AND r.post_id = @postId`,
  );
  const updateReply = db.prepare<{ replyId: number; body: string }>('UPDATE replies SET body = @body WHERE id = @replyId');
  // #endregion statements
  const router = Router();

  // #region route
  router.patch('/:id/replies/:replyId', validate({ params: replyParams, body: newReplyBody }), (req, res) => {
    const row = findReply.get({ postId: req.params.id, replyId: req.params.replyId });
    // 404 first: a reply that does not exist has no author to compare.
    if (row === undefined) throw createError(404, 'Reply not found');
    const reply = toReply(row);
    // Only the author: an admin may delete a reply (exercise 3), but words
    // put in someone else's mouth would still carry their name.
    if (reply.author.id !== req.user!.id) throw createError(403, 'Only the author of this reply may edit it');
    // The same clock that stamped createdAt, so a test can move it.
    if (now() - Date.parse(reply.createdAt) > REPLY_EDIT_WINDOW_MS) {
      throw createError(403, 'A reply can be edited for 15 minutes after it is posted');
    }
    updateReply.run({ replyId: reply.id, body: req.body.body });
    res.json({ ...reply, body: req.body.body });
  });
  // #endregion route
  return router;
}

/** Lesson 09 with the route, behind the same guards as the other posts routes. */
export const forumWithReplyEdits: Forum = forumWith({
  posts: ({ db, now }) => [createEditReplyRoute({ db, now })],
});
