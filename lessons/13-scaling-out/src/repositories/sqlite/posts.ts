import type { Database } from 'better-sqlite3';
import type { Post, Reply } from '../../domain/models.ts';
import type { PostsRepository, Window } from '../posts-repository.ts';

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

// #region sqlite-posts
/** PostsRepository on better-sqlite3: lesson 11's statements, moved out of the router. */
export function createSqlitePostsRepository(db: Database): PostsRepository {
  // #region list-statement
  // Newest activity first; among posts with the same time, the newest id
  // first. Without the tie-breaker two posts of the same millisecond could
  // swap places between two page requests, and a client paging through
  // would see one twice and the other never.
  const listPosts = db.prepare<Window, PostRow>(
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
  const listReplies = db.prepare<{ postId: number } & Window, ReplyRow>(
    `SELECT ${replyColumns} FROM replies r JOIN users u ON u.id = r.author_id
     WHERE r.post_id = @postId ORDER BY r.id LIMIT @limit OFFSET @offset`,
  );
  const countReplies = db.prepare<[number], number>('SELECT count(*) FROM replies WHERE post_id = ?').pluck();
  const findReply = db.prepare<[number], ReplyRow>(`SELECT ${replyColumns} FROM replies r JOIN users u ON u.id = r.author_id WHERE r.id = ?`);

  // #region add-reply
  const countReply = db.prepare<{ postId: number; at: string }>(
    `UPDATE posts SET reply_count = reply_count + 1, last_activity_at = @at WHERE id = @postId`,
  );
  const insertReply = db.prepare<{ postId: number; authorId: number; body: string; at: string }, { id: number }>(
    `INSERT INTO replies (post_id, author_id, body, created_at) VALUES (@postId, @authorId, @body, @at) RETURNING id`,
  );
  /**
   * The reply and the post's count and activity time, or none of them:
   * db.transaction() runs the function between BEGIN and COMMIT, and rolls
   * back if it throws. Without it, a failure between the two statements
   * would leave a reply the count does not include, for good. The count goes
   * first: if it changes no row, the post is gone (deleted since the service
   * looked it up) and no reply is written.
   */
  const addReply = db.transaction((reply: { postId: number; authorId: number; body: string; at: string }): number | undefined => {
    if (countReply.run(reply).changes === 0) return undefined;
    return insertReply.get(reply)!.id;
  });
  // #endregion add-reply

  const post = (id: number) => {
    const row = findPost.get(id);
    return row === undefined ? undefined : toPost(row);
  };

  return {
    async list(window) {
      return listPosts.all(window).map(toPost);
    },
    async count() {
      return countPosts.get()!;
    },
    async findById(id) {
      return post(id);
    },
    async create(fields) {
      return post(insertPost.get(fields)!.id)!;
    },
    async update(id, { title, body, at }) {
      updatePost.run({ id, title: title ?? null, body: body ?? null, at });
      return post(id);
    },
    async delete(id) {
      // The replies go with it: ON DELETE CASCADE.
      deletePost.run(id);
    },
    async listReplies(postId, window) {
      return listReplies.all({ postId, ...window }).map(toReply);
    },
    async countReplies(postId) {
      return countReplies.get(postId)!;
    },
    async addReply(reply) {
      const id = addReply(reply);
      return id === undefined ? undefined : toReply(findReply.get(id)!);
    },
  };
}
// #endregion sqlite-posts
