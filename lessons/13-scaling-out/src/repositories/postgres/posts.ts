import type { Pool, PoolClient } from 'pg';
import type { Post, Reply } from '../../domain/models.ts';
import type { PostsRepository } from '../posts-repository.ts';
import { translate } from './errors.ts';
import { rows } from './query.ts';

type Times<T, K extends keyof T> = Omit<T, K> & { [P in K]: Date };
type PostRow = Times<Omit<Post, 'author'>, 'createdAt' | 'updatedAt' | 'lastActivityAt'> & { authorId: number; authorName: string };
type ReplyRow = Times<Omit<Reply, 'author'>, 'createdAt'> & { authorId: number; authorName: string };

const postColumns = `p.id, p.title, p.body, p.reply_count AS "replyCount", p.created_at AS "createdAt",
  p.updated_at AS "updatedAt", p.last_activity_at AS "lastActivityAt", u.id AS "authorId", u.username AS "authorName"`;
const replyColumns = `r.id, r.post_id AS "postId", r.body, r.created_at AS "createdAt", u.id AS "authorId", u.username AS "authorName"`;

function toPost({ authorId, authorName, createdAt, updatedAt, lastActivityAt, ...post }: PostRow): Post {
  return {
    ...post,
    author: { id: authorId, username: authorName },
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    lastActivityAt: lastActivityAt.toISOString(),
  };
}

function toReply({ authorId, authorName, createdAt, ...reply }: ReplyRow): Reply {
  return { ...reply, author: { id: authorId, username: authorName }, createdAt: createdAt.toISOString() };
}

// #region postgres-posts
/** PostsRepository on PostgreSQL: SQLite's statements in PostgreSQL's dialect. */
export function createPostgresPostsRepository(pool: Pool): PostsRepository {
  const post = async (id: number) => {
    const [row] = await rows<PostRow>(pool, `SELECT ${postColumns} FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = $1`, [id]);
    return row && toPost(row);
  };

  // #region add-reply
  /**
   * The reply and the post's count and activity time, or none of them. A
   * transaction in PostgreSQL belongs to one connection: BEGIN, the two
   * statements and COMMIT must all go over the same one, so the function
   * takes a client out of the pool for the whole transaction (pool.query
   * could hand each statement to a different connection). As in SQLite, the
   * count goes first: its UPDATE locks the post's row until COMMIT, so a
   * DELETE of the post from another instance waits, and a post that is
   * already gone changes no row and gets no reply.
   */
  async function addReply(reply: { postId: number; authorId: number; body: string; at: string }): Promise<number | undefined> {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw translate(error);
    }
    // A connection whose ROLLBACK failed is broken: release(error) closes it
    // instead of giving it back to the pool.
    let broken: Error | undefined;
    try {
      await rows(client, 'BEGIN');
      const counted = await rows(client, `UPDATE posts SET reply_count = reply_count + 1, last_activity_at = $2 WHERE id = $1 RETURNING id`, [reply.postId, reply.at]);
      if (counted.length === 0) {
        await rows(client, 'ROLLBACK');
        return undefined;
      }
      const [inserted] = await rows<{ id: number }>(
        client,
        `INSERT INTO replies (post_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
        [reply.postId, reply.authorId, reply.body, reply.at],
      );
      await rows(client, 'COMMIT');
      return inserted!.id;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
  // #endregion add-reply

  return {
    async list({ limit, offset }) {
      // #region list-statement
      const found = await rows<PostRow>(
        pool,
        `SELECT ${postColumns} FROM posts p JOIN users u ON u.id = p.author_id
         ORDER BY p.last_activity_at DESC, p.id DESC LIMIT $1 OFFSET $2`,
        [limit, offset],
      );
      // #endregion list-statement
      return found.map(toPost);
    },
    async count() {
      const [row] = await rows<{ count: number }>(pool, 'SELECT count(*)::int AS count FROM posts');
      return row!.count;
    },
    findById: post,
    async create({ authorId, title, body, at }) {
      const [row] = await rows<{ id: number }>(
        pool,
        `INSERT INTO posts (author_id, title, body, created_at, updated_at, last_activity_at) VALUES ($1, $2, $3, $4, $4, $4) RETURNING id`,
        [authorId, title, body, at],
      );
      return (await post(row!.id))!;
    },
    async update(id, { title, body, at }) {
      await rows(pool, 'UPDATE posts SET title = COALESCE($2, title), body = COALESCE($3, body), updated_at = $4 WHERE id = $1', [id, title ?? null, body ?? null, at]);
      return post(id);
    },
    async delete(id) {
      // The replies go with it: ON DELETE CASCADE.
      await rows(pool, 'DELETE FROM posts WHERE id = $1', [id]);
    },
    async listReplies(postId, { limit, offset }) {
      const found = await rows<ReplyRow>(
        pool,
        `SELECT ${replyColumns} FROM replies r JOIN users u ON u.id = r.author_id WHERE r.post_id = $1 ORDER BY r.id LIMIT $2 OFFSET $3`,
        [postId, limit, offset],
      );
      return found.map(toReply);
    },
    async countReplies(postId) {
      const [row] = await rows<{ count: number }>(pool, 'SELECT count(*)::int AS count FROM replies WHERE post_id = $1', [postId]);
      return row!.count;
    },
    async addReply(reply) {
      const id = await addReply(reply);
      if (id === undefined) return undefined;
      const [row] = await rows<ReplyRow>(pool, `SELECT ${replyColumns} FROM replies r JOIN users u ON u.id = r.author_id WHERE r.id = $1`, [id]);
      return toReply(row!);
    },
  };
}
// #endregion postgres-posts
