// Solution to lesson 09, exercise 1: GET /api/v1/posts?author=<username>.
import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import { migrations, openDatabase } from '../../../lessons/09-forum-posts/src/db.ts';
import { pageOf, pageWindow } from '../../../lessons/09-forum-posts/src/pagination.ts';
import type { Post } from '../../../lessons/09-forum-posts/src/routes/posts.ts';
import { pageQuery } from '../../../lessons/09-forum-posts/src/schemas/posts.ts';
import { username } from '../../../lessons/09-forum-posts/src/schemas/users.ts';
import { forumWith, type Forum } from './helpers.ts';

// #region migration
// Step 6, to append to `migrations` in src/db.ts. The list's ORDER BY, for
// one author: posts_by_author finds an author's posts but hands them over in
// id order, to be sorted; this index hands them over sorted. It also does
// everything the old one did (author_id comes first), so the old one goes.
export const authorActivityStep = `
  CREATE INDEX posts_by_author_activity ON posts (author_id, last_activity_at DESC, id DESC);
  DROP INDEX posts_by_author;`;
// #endregion migration

/**
 * Lesson 09's openDatabase(), then step 6 the way migrate() runs a step: in
 * a BEGIN IMMEDIATE transaction that reads user_version first. In your
 * lesson, appending the step to `migrations` is all it takes.
 */
export function openDatabaseWithAuthorIndex(path: string): Database {
  const db = openDatabase(path);
  const applyStep6 = db.transaction(() => {
    if (db.pragma('user_version', { simple: true }) !== migrations.length) return;
    db.exec(authorActivityStep);
    db.pragma(`user_version = ${migrations.length + 1}`);
  });
  applyStep6.immediate();
  return db;
}

// #region query
/** `?page=&limit=&author=`: lesson 09's page query, and a username to filter by. */
export const listPostsQuery = pageQuery.extend({ author: username.optional() });
// #endregion query

// In your lesson these two are in src/routes/posts.ts already.
const postColumns = `p.id, p.title, p.body, p.reply_count AS replyCount, p.created_at AS createdAt,
  p.updated_at AS updatedAt, p.last_activity_at AS lastActivityAt, u.id AS authorId, u.username AS authorName`;
type PostRow = Omit<Post, 'author'> & { authorId: number; authorName: string };
const toPost = ({ authorId, authorName, ...post }: PostRow): Post => ({ ...post, author: { id: authorId, username: authorName } });

/** `GET /` with the filter: in your lesson, it replaces the list route of createPostsRouter(). */
export function createListWithAuthor({ db }: { db: Database }): Router {
  // The lesson's list and count, unchanged, for a request without `author`.
  const listPosts = db.prepare<{ limit: number; offset: number }, PostRow>(
    `SELECT ${postColumns} FROM posts p JOIN users u ON u.id = p.author_id
     ORDER BY p.last_activity_at DESC, p.id DESC LIMIT @limit OFFSET @offset`,
  );
  const countPosts = db.prepare<[], number>('SELECT count(*) FROM posts').pluck();
  // #region statements
  // Usernames are unique whatever their case (lesson 07), so the filter
  // ignores case too: ?author=ADA is Ada. SQLite finds the user through
  // users_username_nocase, then the user's posts in order through step 6's
  // index. A name nobody has matches no user, so no posts: an empty page.
  const listByAuthor = db.prepare<{ author: string; limit: number; offset: number }, PostRow>(
    `SELECT ${postColumns} FROM posts p JOIN users u ON u.id = p.author_id
     WHERE u.username = @author COLLATE NOCASE
     ORDER BY p.last_activity_at DESC, p.id DESC LIMIT @limit OFFSET @offset`,
  );
  const countByAuthor = db.prepare<{ author: string }, number>(
    `SELECT count(*) FROM posts p JOIN users u ON u.id = p.author_id WHERE u.username = @author COLLATE NOCASE`,
  ).pluck();
  // #endregion statements
  const router = Router();

  // #region route
  // Two statements rather than one with `WHERE @author IS NULL OR …`: SQLite
  // plans a statement once, when it is prepared, and the plan for "maybe a
  // filter" walks every post. The envelope is the lesson's: `total` and
  // `pages` count the filtered list.
  router.get('/', validate({ query: listPostsQuery }), (req, res) => {
    const { author, ...page } = req.query;
    const window = pageWindow(page);
    const rows = author === undefined ? listPosts.all(window) : listByAuthor.all({ author, ...window });
    const total = author === undefined ? countPosts.get()! : countByAuthor.get({ author })!;
    res.json(pageOf(rows.map(toPost), page, total));
  });
  // #endregion route
  return router;
}

/** Lesson 09 with the filter: the list route runs before the lesson's, behind the same guards. */
export const forumWithAuthorFilter: Forum = forumWith({
  openDatabase: openDatabaseWithAuthorIndex,
  posts: ({ db }) => [createListWithAuthor({ db })],
});
