import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import createError from 'http-errors';
import { pageOf, pageWindow } from '../pagination.ts';
import { editPostBody, newPostBody, newReplyBody, pageQuery, postIdParams } from '../schemas/posts.ts';

// #region post-types
/** Who wrote a post or a reply, as the API shows it: no email. */
export interface Author {
  id: number;
  username: string;
}

export interface Post {
  id: number;
  title: string;
  body: string;
  author: Author;
  replyCount: number;
  /** ISO 8601 timestamps; lastActivityAt is the newest reply's time, or createdAt. */
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
}

export interface Reply {
  id: number;
  postId: number;
  body: string;
  author: Author;
  createdAt: string;
}
// #endregion post-types

// Rows come back flat; the author is nested for the JSON.
type PostRow = Omit<Post, 'author'> & { authorId: number; authorName: string };
type ReplyRow = Omit<Reply, 'author'> & { authorId: number; authorName: string };

const postColumns = `p.id, p.title, p.body, p.reply_count AS replyCount, p.created_at AS createdAt,
  p.updated_at AS updatedAt, p.last_activity_at AS lastActivityAt, u.id AS authorId, u.username AS authorName`;
const replyColumns = `r.id, r.post_id AS postId, r.body, r.created_at AS createdAt, u.id AS authorId, u.username AS authorName`;

function toPost({ authorId, authorName, ...post }: PostRow): Post {
  return { ...post, author: { id: authorId, username: authorName } };
}

function toReply({ authorId, authorName, ...reply }: ReplyRow): Reply {
  return { ...reply, author: { id: authorId, username: authorName } };
}

export interface PostsRouterDeps {
  db: Database;
  /** The clock for createdAt, updatedAt and lastActivityAt. */
  now: () => number;
}

// #region create-posts-router
/**
 * The posts and replies routes. app.ts mounts the router behind the
 * `approved` guards: every handler here has an approved user on req.user.
 */
export function createPostsRouter({ db, now }: PostsRouterDeps): Router {
  // #region list-statement
  // Newest activity first; among posts with the same time, the newest id
  // first. Without the tie-breaker two posts of the same millisecond could
  // swap places between two page requests, and a client paging through
  // would see one twice and the other never.
  const listPosts = db.prepare<{ limit: number; offset: number }, PostRow>(
    `SELECT ${postColumns} FROM posts p JOIN users u ON u.id = p.author_id
     ORDER BY p.last_activity_at DESC, p.id DESC LIMIT @limit OFFSET @offset`,
  );
  // #endregion list-statement
  const countPosts = db.prepare<[], number>('SELECT count(*) FROM posts').pluck();
  const findPost = db.prepare<[number], PostRow>(`SELECT ${postColumns} FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = ?`);
  const insertPost = db.prepare<{ authorId: number; title: string; body: string; at: string }, { id: number }>(
    `INSERT INTO posts (author_id, title, body, created_at, updated_at, last_activity_at)
     VALUES (@authorId, @title, @body, @at, @at, @at) RETURNING id`,
  );
  // COALESCE keeps a field the edit leaves out.
  const updatePost = db.prepare<{ id: number; title: string | null; body: string | null; at: string }>(
    `UPDATE posts SET title = COALESCE(@title, title), body = COALESCE(@body, body), updated_at = @at WHERE id = @id`,
  );
  const deletePost = db.prepare<[number]>('DELETE FROM posts WHERE id = ?');
  const listReplies = db.prepare<{ postId: number; limit: number; offset: number }, ReplyRow>(
    `SELECT ${replyColumns} FROM replies r JOIN users u ON u.id = r.author_id
     WHERE r.post_id = @postId ORDER BY r.id LIMIT @limit OFFSET @offset`,
  );
  const countReplies = db.prepare<[number], number>('SELECT count(*) FROM replies WHERE post_id = ?').pluck();
  const findReply = db.prepare<[number], ReplyRow>(`SELECT ${replyColumns} FROM replies r JOIN users u ON u.id = r.author_id WHERE r.id = ?`);

  // #region add-reply
  const insertReply = db.prepare<{ postId: number; authorId: number; body: string; at: string }, { id: number }>(
    `INSERT INTO replies (post_id, author_id, body, created_at) VALUES (@postId, @authorId, @body, @at) RETURNING id`,
  );
  const countReply = db.prepare<{ postId: number; at: string }>(
    `UPDATE posts SET reply_count = reply_count + 1, last_activity_at = @at WHERE id = @postId`,
  );
  /**
   * The reply and the post's count and activity time, or none of them:
   * db.transaction() runs the function between BEGIN and COMMIT, and rolls
   * back if it throws. Without it, a failure between the two statements
   * would leave a reply the count does not include, for good.
   */
  const addReply = db.transaction((reply: { postId: number; authorId: number; body: string; at: string }): number => {
    const { id } = insertReply.get(reply)!;
    countReply.run(reply);
    return id;
  });
  // #endregion add-reply

  /** The post, or a 404. */
  function postOr404(id: number): Post {
    const row = findPost.get(id);
    if (row === undefined) throw createError(404, 'Post not found');
    return toPost(row);
  }

  // #region ownership
  /** Only the author of a post, or an admin, may change or delete it; anyone else gets a 403. */
  function assertCanChange(user: { id: number | string; role?: string }, post: Post): void {
    if (post.author.id !== user.id && user.role !== 'admin') {
      throw createError(403, 'Only the author of this post or an admin may change it');
    }
  }
  // #endregion ownership

  const router = Router();

  // #region list-posts
  router.get('/', validate({ query: pageQuery }), (req, res) => {
    const rows = listPosts.all(pageWindow(req.query));
    res.json(pageOf(rows.map(toPost), req.query, countPosts.get()!));
  });
  // #endregion list-posts

  router.post('/', validate({ body: newPostBody }), (req, res) => {
    const at = new Date(now()).toISOString();
    const { id } = insertPost.get({ authorId: Number(req.user!.id), ...req.body, at })!;
    // req.baseUrl is where this router is mounted, with the API's own mount
    // path in front: /api/v1/posts. Written like this, nothing here repeats it.
    res.status(201).location(`${req.baseUrl}/${id}`).json(postOr404(id));
  });

  router.get('/:id', validate({ params: postIdParams }), (req, res) => {
    res.json(postOr404(req.params.id));
  });

  // #region edit-post
  router.patch('/:id', validate({ params: postIdParams, body: editPostBody }), (req, res) => {
    // 404 before 403: a post that does not exist has no author to compare.
    const post = postOr404(req.params.id);
    assertCanChange(req.user!, post);
    updatePost.run({ id: post.id, title: req.body.title ?? null, body: req.body.body ?? null, at: new Date(now()).toISOString() });
    res.json(postOr404(post.id));
  });

  router.delete('/:id', validate({ params: postIdParams }), (req, res) => {
    const post = postOr404(req.params.id);
    assertCanChange(req.user!, post);
    // The replies go with it: ON DELETE CASCADE.
    deletePost.run(post.id);
    res.status(204).end();
  });
  // #endregion edit-post

  // Oldest first: a conversation reads from the top.
  router.get('/:id/replies', validate({ params: postIdParams, query: pageQuery }), (req, res) => {
    const post = postOr404(req.params.id);
    const rows = listReplies.all({ postId: post.id, ...pageWindow(req.query) });
    res.json(pageOf(rows.map(toReply), req.query, countReplies.get(post.id)!));
  });

  // #region reply-route
  router.post('/:id/replies', validate({ params: postIdParams, body: newReplyBody }), (req, res) => {
    const post = postOr404(req.params.id);
    const id = addReply({ postId: post.id, authorId: Number(req.user!.id), body: req.body.body, at: new Date(now()).toISOString() });
    res.status(201).location(`${req.baseUrl}/${post.id}/replies`).json(toReply(findReply.get(id)!));
  });
  // #endregion reply-route

  return router;
}
// #endregion create-posts-router
