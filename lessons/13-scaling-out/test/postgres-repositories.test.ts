// The PostgreSQL repositories: the contract SQLite's and the fakes keep
// (repositories/contract.ts), and what only PostgreSQL can get wrong: the
// reply's transaction on one pooled connection, its error codes, and two
// instances migrating one database at the same moment.
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { UnavailableError } from '../src/domain/errors.ts';
import { migratePostgres, postgresMigrations } from '../src/repositories/postgres/migrations.ts';
import { createPostgresPostsRepository } from '../src/repositories/postgres/posts.ts';
import { createPostgresUsersRepository } from '../src/repositories/postgres/users.ts';
import { repositoryContract } from './repositories/contract.ts';
import { describeWithServices, freshSchema } from './services.ts';

describeWithServices('PostgreSQL repositories', () => {
  // One schema for this file; every test starts from empty tables with ids from 1.
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let pool: pg.Pool;
  beforeAll(async () => {
    schema = await freshSchema();
    pool = new pg.Pool({ connectionString: schema.url, max: 4 });
    await migratePostgres(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await schema?.drop();
  });
  beforeEach(async () => {
    await pool.query('TRUNCATE users, posts, replies RESTART IDENTITY CASCADE');
  });

  /** The query's plan as JSON, with sequential scans off for one transaction on one connection. */
  async function planWithoutSeqScan(sql: string): Promise<string> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${sql}`);
      await client.query('ROLLBACK');
      return JSON.stringify(rows[0]);
    } finally {
      client.release();
    }
  }

  const repositories = () => ({ users: createPostgresUsersRepository(pool), posts: createPostgresPostsRepository(pool) });

  repositoryContract(repositories);

  // #region atomic-reply-test
  test('addReply is one transaction: when the reply cannot be stored, the post is not counted either', async () => {
    const { users, posts } = repositories();
    const { id: authorId } = await users.create({ username: 'ada', email: 'ada@example.com', passwordHash: 'x', status: 'approved', role: 'member', createdAt: '2025-01-01T00:00:00.000Z' });
    const post = await posts.create({ authorId, title: 't', body: 'b', at: '2025-01-01T00:00:00.000Z' });

    // The count is updated first; the reply's insert then fails (no user 99: a foreign key).
    await expect(posts.addReply({ postId: post.id, authorId: 99, body: 'hi', at: '2025-01-02T00:00:00.000Z' })).rejects.toMatchObject({ code: '23503' });

    expect(await posts.findById(post.id)).toMatchObject({ replyCount: 0, lastActivityAt: '2025-01-01T00:00:00.000Z' });
    expect((await pool.query('SELECT count(*)::int AS n FROM replies')).rows[0].n).toBe(0);
    // The connection went back to the pool with no transaction open: the next statement is not stuck in one.
    expect((await pool.query('SELECT count(*)::int AS n FROM posts')).rows[0].n).toBe(1);
  });
  // #endregion atomic-reply-test

  test('fifty replies sent at once to one post are all counted', async () => {
    const { users, posts } = repositories();
    const { id: authorId } = await users.create({ username: 'ada', email: 'ada@example.com', passwordHash: 'x', status: 'approved', role: 'member', createdAt: '2025-01-01T00:00:00.000Z' });
    const post = await posts.create({ authorId, title: 't', body: 'b', at: '2025-01-01T00:00:00.000Z' });

    // Four connections in the pool, fifty transactions: each UPDATE waits for the row lock of the one before.
    await Promise.all(Array.from({ length: 50 }, (_, i) => posts.addReply({ postId: post.id, authorId, body: `reply ${i}`, at: '2025-01-02T00:00:00.000Z' })));

    expect(await posts.findById(post.id)).toMatchObject({ replyCount: 50 });
    expect(await posts.countReplies(post.id)).toBe(50);
  });

  test('a PostgreSQL error that is not a taken name goes up as it is', async () => {
    const { users } = repositories();

    await expect(
      users.create({ username: 'ada', email: 'ada@example.com', passwordHash: 'x', status: 'banned' as 'pending', role: 'member', createdAt: '2025-01-01T00:00:00.000Z' }),
    ).rejects.toMatchObject({ code: '23514' });
  });

  test('an email is found whatever its letter case, through the unique index on lower(email)', async () => {
    const { users } = repositories();
    await users.create({ username: 'Ada', email: 'Ada@Example.com', passwordHash: 'x', status: 'approved', role: 'member', createdAt: '2025-01-01T00:00:00.000Z' });

    expect(await users.findByEmailWithHash('ada@example.COM')).toMatchObject({ username: 'Ada', passwordHash: 'x' });
    // With three rows the planner would rather read the table; with that
    // choice taken away, it can only use an index whose expression matches
    // the query's: lower(email). A plain index on email would not serve it.
    expect(await planWithoutSeqScan("SELECT id FROM users WHERE lower(email) = lower('ada@example.com')")).toContain('users_email_key');
  });

  test('a page of posts is read in the order of the paging index, not sorted', async () => {
    const plan = await planWithoutSeqScan(
      'SELECT p.id FROM posts p JOIN users u ON u.id = p.author_id ORDER BY p.last_activity_at DESC, p.id DESC LIMIT 20 OFFSET 0',
    );
    expect(plan).toContain('posts_by_activity');
    expect(plan).not.toContain('"Node Type":"Sort"');
  });

  test('a database that stops answering is an UnavailableError, which the API answers 503', async () => {
    // Nothing listens on port 1: the pool cannot connect.
    const gone = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/test', connectionTimeoutMillis: 2000 });
    try {
      await expect(createPostgresUsersRepository(gone).findById(1)).rejects.toBeInstanceOf(UnavailableError);
      await expect(createPostgresPostsRepository(gone).addReply({ postId: 1, authorId: 1, body: 'x', at: '2025-01-01T00:00:00.000Z' })).rejects.toBeInstanceOf(UnavailableError);
    } finally {
      await gone.end();
    }
  });
});

describeWithServices('PostgreSQL migrations', () => {
  // #region concurrent-migrations-test
  test('eight instances starting on one new database at once: each step runs once, and all of them start', async () => {
    const schema = await freshSchema();
    const pools = Array.from({ length: 8 }, () => new pg.Pool({ connectionString: schema.url, max: 1 }));
    try {
      await Promise.all(pools.map((pool) => migratePostgres(pool)));

      const { rows } = await pools[0]!.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(postgresMigrations.map((_, i) => i + 1));
      // Running again finds nothing to do.
      await migratePostgres(pools[0]!);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await schema.drop();
    }
  });
  // #endregion concurrent-migrations-test

  test('a failing step says which it was, and leaves neither its tables nor its version behind', async () => {
    const schema = await freshSchema();
    const pool = new pg.Pool({ connectionString: schema.url, max: 1 });
    try {
      const broken = [...postgresMigrations, 'CREATE TABLE half_done (x int); SELECT no_such_function();'];

      await expect(migratePostgres(pool, broken)).rejects.toThrow(/^Schema step 3 of 3 failed: function no_such_function\(\) does not exist/);

      const tables = await pool.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'half_done'");
      expect(tables.rows[0].n).toBe(0);
      expect((await pool.query('SELECT max(version) AS v FROM schema_migrations')).rows[0].v).toBe(2);
    } finally {
      await pool.end();
      await schema.drop();
    }
  });

  test('a database newer than the code is refused, not changed', async () => {
    const schema = await freshSchema();
    const pool = new pg.Pool({ connectionString: schema.url, max: 1 });
    try {
      await migratePostgres(pool, [...postgresMigrations, 'CREATE TABLE later (x int)']);

      await expect(migratePostgres(pool)).rejects.toThrow('The database is at schema version 3, newer than this code (2)');
    } finally {
      await pool.end();
      await schema.drop();
    }
  });
});
