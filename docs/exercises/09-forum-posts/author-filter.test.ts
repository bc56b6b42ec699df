// The checks of lesson 09, exercise 1 (filter the posts by author), run
// against the solution and against lesson 09 as it is; then the solution's
// query plan, before and after its index.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { expect, onTestFinished, test } from 'vitest';
import { openDatabase } from '../../../lessons/09-forum-posts/src/db.ts';
import { forumWithAuthorFilter, openDatabaseWithAuthorIndex } from './author-filter.ts';
import { ada, grace, lesson, logIn, logInAdmin, logInApproved, startForum, testClock, writePost, type Check, type Forum } from './helpers.ts';

/** A forum where Ada wrote "ada 1" and "ada 2" and Grace "grace 1" in between, a second apart. */
async function threePosts(forum: Forum) {
  const clock = testClock();
  const { app } = startForum(forum, { now: clock.now });
  const admin = await logInAdmin(app);
  const { agent: adaAgent } = await logInApproved(app, ada, admin);
  const { agent: graceAgent } = await logInApproved(app, grace, admin);
  for (const [agent, title] of [[adaAgent, 'ada 1'], [graceAgent, 'grace 1'], [adaAgent, 'ada 2']] as const) {
    clock.advance(1000);
    await writePost(agent, { title, body: 'x' });
  }
  return { app, admin, ada: adaAgent, grace: graceAgent };
}

const titles = (res: { body: { data: { title: string }[] } }) => res.body.data.map((post) => post.title);

// #region checks
const checks: Check[] = [
  {
    name: "?author=ada lists Ada's posts only, newest activity first, and total and pages count only hers",
    isNew: true,
    run: async (forum) => {
      const { grace: reader } = await threePosts(forum);

      const first = await reader.get('/api/v1/posts?author=ada&limit=1');
      const second = await reader.get('/api/v1/posts?author=ada&limit=1&page=2');

      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ page: 1, limit: 1, total: 2, pages: 2 });
      expect(titles(first)).toEqual(['ada 2']);
      expect(titles(second)).toEqual(['ada 1']);
    },
  },
  {
    name: 'the username matches whatever its letter case: ?author=ADA is Ada',
    isNew: true,
    run: async (forum) => {
      const { grace: reader } = await threePosts(forum);

      expect(titles(await reader.get('/api/v1/posts?author=ADA'))).toEqual(['ada 2', 'ada 1']);
    },
  },
  {
    name: 'a name nobody has, or an author without posts, is an empty page 1 of 1, not an error',
    isNew: true,
    run: async (forum) => {
      const { admin } = await threePosts(forum);
      const empty = { data: [], page: 1, limit: 20, total: 0, pages: 1 };

      const nobody = await admin.get('/api/v1/posts?author=nobody');
      expect(nobody.status).toBe(200);
      expect(nobody.body).toEqual(empty);
      expect((await admin.get('/api/v1/posts?author=admin')).body).toEqual(empty);
    },
  },
  {
    name: 'without author, the list is the lesson\'s: every post, newest activity first',
    isNew: false,
    run: async (forum) => {
      const { ada: reader } = await threePosts(forum);

      const res = await reader.get('/api/v1/posts');

      expect(res.body).toMatchObject({ page: 1, limit: 20, total: 3, pages: 1 });
      expect(titles(res)).toEqual(['ada 2', 'grace 1', 'ada 1']);
    },
  },
  {
    name: 'the filtered list is for approved members too: 401 without a login, 403 while pending',
    isNew: false,
    run: async (forum) => {
      const { app } = startForum(forum);
      const { agent: pending } = await logIn(app, grace);

      expect((await request(app).get('/api/v1/posts?author=ada')).status).toBe(401);
      expect((await pending.get('/api/v1/posts?author=ada')).status).toBe(403);
    },
  },
];
// #endregion checks

test.for(checks.map((check) => [check.name, check] as const))('solution: %s', async ([, check]) => {
  await check.run(forumWithAuthorFilter);
});

test.for(checks.map((check) => [check.name, check] as const))('lesson 09 as it is: %s', async ([, check]) => {
  if (check.isNew) await expect(check.run(lesson), 'a check of the new behaviour must fail before the exercise').rejects.toThrow();
  else await check.run(lesson);
});

const filteredPage = `SELECT p.id, p.title, p.body, u.username FROM posts p JOIN users u ON u.id = p.author_id
  WHERE u.username = 'ada' COLLATE NOCASE
  ORDER BY p.last_activity_at DESC, p.id DESC LIMIT 20 OFFSET 40`;

function planOf(db: ReturnType<typeof openDatabase>, sql: string): string[] {
  onTestFinished(() => {
    db.close();
  });
  return db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((row) => (row as { detail: string }).detail);
}

// #region plan-test
test("with lesson 09's indexes, one author's page is sorted; with step 6's, it is read in order", () => {
  const before = planOf(openDatabase(':memory:'), filteredPage);
  const after = planOf(openDatabaseWithAuthorIndex(':memory:'), filteredPage);

  expect(before).toContain('USE TEMP B-TREE FOR ORDER BY');
  expect(after).toEqual([
    'SEARCH u USING COVERING INDEX users_username_nocase (username=?)',
    'SEARCH p USING INDEX posts_by_author_activity (author_id=?)',
  ]);
});
// #endregion plan-test

test('a database from lesson 09 gets step 6 and keeps its posts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'forum-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'forum.db');
  const old = openDatabase(path);
  old.prepare("INSERT INTO users (username, email, created_at) VALUES ('ada', 'ada@example.com', 'then')").run();
  old.prepare("INSERT INTO posts (author_id, title, body, created_at, updated_at, last_activity_at) VALUES (1, 't', 'b', 'then', 'then', 'then')").run();
  const oldVersion = old.pragma('user_version', { simple: true }) as number;
  old.close();

  const db = openDatabaseWithAuthorIndex(path);
  onTestFinished(() => {
    db.close();
  });

  expect(db.pragma('user_version', { simple: true })).toBe(oldVersion + 1);
  expect(db.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(1);
  const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'posts'").pluck().all();
  expect(indexes).toContain('posts_by_author_activity');
  expect(indexes).not.toContain('posts_by_author');
});
