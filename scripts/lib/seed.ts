// A believable forum for any lesson with a database, the same every time.
// The data is one list for the whole course; what a lesson gets depends on
// the tables and columns its own openDatabase() creates (it runs the lesson's
// migrations), so a new lesson with the same schema needs nothing here.
// A lesson with a PostgreSQL schema (src/repositories/postgres/migrations.ts,
// lesson 13 on) is seeded there instead when a DATABASE_URL is given: the
// same rows, through the lesson's own migratePostgres().
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Lesson } from './lessons.ts';

export interface SeedAccount {
  username: string;
  email: string;
  password: string;
  role: 'admin' | 'member';
  status: 'approved' | 'pending';
}

// Passwords pass the lessons' policy (zxcvbn score 3 or more, without the
// username or email in them); seedLesson() checks them with the lesson's own
// passwordProblem() where there is one.
export const accounts: readonly SeedAccount[] = [
  { username: 'admin', email: 'admin@example.com', password: 'quiet lantern over the harbour 7', role: 'admin', status: 'approved' },
  { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple', role: 'member', status: 'approved' },
  { username: 'grace', email: 'grace@example.com', password: 'amazing hopper compiler 1906', role: 'member', status: 'approved' },
  { username: 'linus', email: 'linus@example.com', password: 'penguins prefer cold kernels 91', role: 'member', status: 'pending' },
  { username: 'margaret', email: 'margaret@example.com', password: 'apollo guidance rope memory 69', role: 'member', status: 'pending' },
];

interface SeedPost {
  author: string;
  title: string;
  body: string;
  replies: { author: string; body: string }[];
}

export const posts: readonly SeedPost[] = [
  {
    author: 'admin',
    title: 'Welcome to the forum',
    body: 'Introduce yourself in a reply. New accounts wait for an admin to approve them.',
    replies: [
      { author: 'ada', body: 'Hello! I write programs for engines that do not exist yet.' },
      { author: 'grace', body: 'Hi all. Ask me about compilers, or about moths.' },
    ],
  },
  {
    author: 'ada',
    title: 'Notes on an analytical engine',
    body: 'The engine weaves algebraic patterns just as the Jacquard loom weaves flowers and leaves.',
    replies: [
      { author: 'grace', body: 'And the first program was yours.' },
      { author: 'admin', body: 'Pinned for the newcomers.' },
      { author: 'ada', body: 'Thank you both.' },
    ],
  },
  {
    author: 'grace',
    title: 'Found a bug',
    body: 'An actual moth, in relay 70 of panel F. Taped it into the log book.',
    replies: [{ author: 'ada', body: 'Debugging, literally.' }],
  },
  { author: 'ada', title: 'Is anyone reading this?', body: 'A post without replies, to see how the list shows one.', replies: [] },
];

/** Every seeded row has a time after this one, a minute apart, so the order of the forum is the same every time. */
const firstTime = Date.parse('2026-01-05T09:00:00.000Z');

export interface SeedOptions {
  /** Keep what the database holds and add what is missing, instead of emptying it first. */
  keep?: boolean;
  /** Another database file than the lesson's default. */
  databasePath?: string;
  /**
   * A PostgreSQL URL (the lesson's DATABASE_URL): seeds that database instead
   * of a SQLite file. Only for a lesson with a PostgreSQL schema
   * (hasPostgresSchema); refused for any other.
   */
  databaseUrl?: string;
}

export interface SeedResult {
  /** What was seeded, as it may be printed: the SQLite file's path, or the PostgreSQL URL with its password hidden. */
  database: string;
  engine: 'sqlite' | 'postgres';
  /** The tables the lesson's schema has, which decided what was seeded. */
  tables: string[];
  /** The accounts as this lesson stores them: no status or role before lesson 08, no password before lesson 07. */
  accounts: (Omit<SeedAccount, 'role' | 'status'> & { role?: string; status?: string; loginable: boolean })[];
  posts: number;
  replies: number;
}

export class SeedRefusal extends Error {}

type Db = {
  prepare: (sql: string) => { run: (...args: unknown[]) => unknown; get: (...args: unknown[]) => unknown; all: (...args: unknown[]) => unknown[] };
  exec: (sql: string) => void;
  pragma: (sql: string, options?: { simple: boolean }) => unknown;
  transaction: <T>(fn: () => T) => () => T;
  close: () => void;
};

async function importFrom<T>(lesson: Lesson, file: string): Promise<T | undefined> {
  const path = join(lesson.dir, file);
  if (!existsSync(path)) return undefined;
  return (await import(pathToFileURL(path).href)) as T;
}

/** The lesson's default database (DATABASE_PATH unset), from its own loadConfig(); undefined when it has none. */
export async function defaultDatabase(lesson: Lesson): Promise<string | undefined> {
  if (!existsSync(join(lesson.dir, 'src', 'db.ts'))) return undefined;
  const configModule = await importFrom<{ loadConfig: (env: NodeJS.ProcessEnv) => { databasePath?: string } }>(lesson, 'src/config.ts');
  const configured = configModule?.loadConfig({ NODE_ENV: 'development' }).databasePath;
  return configured ?? join(lesson.dir, 'forum.db');
}

/** Where a lesson keeps its PostgreSQL schema, when it has one. */
const postgresSchemaFile = join('src', 'repositories', 'postgres', 'migrations.ts');

/** Does the lesson have a PostgreSQL schema (lesson 13 on)? Only such a lesson reads DATABASE_URL. */
export function hasPostgresSchema(lesson: Lesson): boolean {
  return existsSync(join(lesson.dir, postgresSchemaFile));
}

type Hashes = Map<string, string>;

/**
 * Checks every seed password against the lesson's own policy, then hashes
 * them with the lesson's own hashPassword() when its users have passwords.
 * Hashing is the slow part (scrypt): done before any transaction.
 */
async function hashAccounts(lesson: Lesson, hasPasswordColumn: boolean): Promise<{ hashes: Hashes; hasPasswords: boolean }> {
  const passwords = await importFrom<{ hashPassword: (password: string) => Promise<string> }>(lesson, 'src/auth/password.ts');
  const policy = await importFrom<{ passwordProblem: (password: string, account: { username: string; email: string }) => string | undefined }>(
    lesson,
    'src/auth/password-policy.ts',
  );
  for (const account of accounts) {
    const problem = policy?.passwordProblem(account.password, account);
    if (problem) throw new Error(`seed account ${account.username}: the lesson's password policy refuses its password (${problem})`);
  }
  const hasPasswords = hasPasswordColumn && passwords !== undefined;
  const hashes: Hashes = new Map();
  if (hasPasswords) {
    for (const account of accounts) hashes.set(account.username, await passwords!.hashPassword(account.password));
  }
  return { hashes, hasPasswords };
}

/** A users row for `account`: only the columns the lesson's schema has, named as its migrations name them. */
function userRow(
  account: (typeof accounts)[number],
  createdAt: string,
  hashes: Hashes,
  columns: { hasPasswords: boolean; hasStatus: boolean; hasRole: boolean },
): Record<string, unknown> {
  const values: Record<string, unknown> = { username: account.username, email: account.email, created_at: createdAt };
  if (columns.hasPasswords) values.password_hash = hashes.get(account.username);
  if (columns.hasStatus) values.status = account.status;
  if (columns.hasRole) values.role = account.role;
  return values;
}

/** The accounts as the result reports them, for the columns the lesson's users have. */
function reportedAccounts(columns: { hasPasswords: boolean; hasStatus: boolean; hasRole: boolean }): SeedResult['accounts'] {
  return accounts.map((account) => ({
    ...account,
    role: columns.hasRole ? account.role : undefined,
    status: columns.hasStatus ? account.status : undefined,
    loginable: columns.hasPasswords,
  }));
}

export async function seedLesson(lesson: Lesson, options: SeedOptions = {}): Promise<SeedResult> {
  const fallback = await defaultDatabase(lesson);
  if (fallback === undefined) {
    throw new SeedRefusal(`Lesson ${lesson.slug.slice(0, 2)} (${lesson.title}) has no database, so there is nothing to seed. Lessons with a database have a src/db.ts.`);
  }
  if (options.databaseUrl !== undefined) {
    if (!hasPostgresSchema(lesson)) {
      throw new SeedRefusal(`Lesson ${lesson.slug.slice(0, 2)} (${lesson.title}) has no PostgreSQL schema (${postgresSchemaFile}): it keeps its data in SQLite only.`);
    }
    if (options.databasePath !== undefined) {
      throw new SeedRefusal('Give a SQLite file (--database) or a PostgreSQL URL (DATABASE_URL), not both.');
    }
    return seedPostgres(lesson, options.databaseUrl, options);
  }
  const databasePath = options.databasePath === undefined ? fallback : resolve(options.databasePath);
  const { openDatabase } = (await importFrom<{ openDatabase: (path: string) => Db }>(lesson, 'src/db.ts'))!;
  let db: Db;
  try {
    db = openDatabase(databasePath);
  } catch (error) {
    throw new SeedRefusal(
      `Could not open ${databasePath} with lesson ${lesson.slug}'s schema: ${(error as Error).message.split('\n')[0]}. Delete the file and run the seed again.`,
    );
  }
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
      (row) => row.name,
    );
    const columns = (table: string) => new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((row) => row.name));
    const userColumns = columns('users');
    const { hashes, hasPasswords } = await hashAccounts(lesson, userColumns.has('password_hash'));
    const hasStatus = userColumns.has('status');
    const hasRole = userColumns.has('role');
    const hasPosts = tables.includes('posts') && tables.includes('replies');

    let postCount = 0;
    let replyCount = 0;
    db.transaction(() => {
      if (!options.keep) {
        // Empty every table (sessions included: everyone is logged out), in an
        // order that foreign keys accept, and keep the schema.
        db.pragma('defer_foreign_keys = ON');
        for (const table of tables) db.exec(`DELETE FROM "${table}"`);
      }
      let minute = 0;
      const at = () => new Date(firstTime + minute++ * 60_000).toISOString();
      const ids = new Map<string, number>();
      const findUser = db.prepare('SELECT id FROM users WHERE email = ? OR username = ? COLLATE NOCASE');
      for (const account of accounts) {
        const existing = findUser.get(account.email, account.username) as { id: number } | undefined;
        if (existing) {
          ids.set(account.username, existing.id);
          minute++;
          continue;
        }
        const values = userRow(account, at(), hashes, { hasPasswords, hasStatus, hasRole });
        const names = Object.keys(values);
        const row = db
          .prepare(`INSERT INTO users (${names.join(', ')}) VALUES (${names.map((name) => `@${name}`).join(', ')}) RETURNING id`)
          .get(values) as { id: number };
        ids.set(account.username, row.id);
      }
      if (!hasPosts) return;
      const seeded = db.prepare('SELECT 1 FROM posts WHERE title = ?').get(posts[0]!.title);
      if (seeded) return;
      for (const post of posts) {
        const createdAt = at();
        const postId = (
          db
            .prepare(
              `INSERT INTO posts (author_id, title, body, created_at, updated_at, last_activity_at)
               VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
            )
            .get(ids.get(post.author), post.title, post.body, createdAt, createdAt, createdAt) as { id: number }
        ).id;
        postCount++;
        for (const reply of post.replies) {
          const replyAt = at();
          db.prepare('INSERT INTO replies (post_id, author_id, body, created_at) VALUES (?, ?, ?, ?)').run(postId, ids.get(reply.author), reply.body, replyAt);
          db.prepare('UPDATE posts SET reply_count = reply_count + 1, last_activity_at = ? WHERE id = ?').run(replyAt, postId);
          replyCount++;
        }
      }
    })();

    return {
      database: databasePath,
      engine: 'sqlite',
      tables,
      accounts: reportedAccounts({ hasPasswords, hasStatus, hasRole }),
      posts: postCount,
      replies: replyCount,
    };
  } finally {
    db.close();
  }
}

// #region postgres
/** The little of node-postgres the seed uses. It is the lesson's dependency, not the scripts'. */
interface PgClient {
  query: <Row>(sql: string, values?: unknown[]) => Promise<{ rows: Row[] }>;
  release: () => void;
}
interface PgPool {
  connect: () => Promise<PgClient>;
  end: () => Promise<void>;
  on: (event: 'error', listener: (error: Error) => void) => void;
}
type PgModule = { Pool: new (config: { connectionString: string; max: number; connectionTimeoutMillis: number }) => PgPool };

/** The URL as it may be printed: a password in it becomes `***`. */
export function hidePassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** One line for a PostgreSQL that could not be used: where, what went wrong, what to do. */
function postgresProblem(lesson: Lesson, error: unknown, where: string): string {
  const { message = String(error), code, errors } = error as { message?: string; code?: string; errors?: { code?: string }[] };
  // Node reports a refused connection to every address of a name as an AggregateError.
  const reason = code ?? errors?.find((inner) => inner.code !== undefined)?.code ?? /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)\b/.exec(message)?.[1];
  const start = existsSync(join(lesson.dir, 'compose.yaml')) ? `in lessons/${lesson.slug}: docker compose up -d` : 'on this machine';
  const hint = `Start PostgreSQL (${start}), or unset DATABASE_URL to seed the lesson's SQLite database.`;
  if (reason === 'ECONNREFUSED') return `Could not seed ${where}: nothing is listening there. ${hint}`;
  if (reason === 'ENOTFOUND' || reason === 'EAI_AGAIN') return `Could not seed ${where}: its host was not found. ${hint}`;
  if (/timeout/i.test(message)) return `Could not seed ${where}: no answer within 5 seconds. ${hint}`;
  if (/^Connection terminated/.test(message)) return `Could not seed ${where}: the connection closed before PostgreSQL answered. ${hint}`;
  return `Could not seed ${where}: ${message.split('\n')[0]}`;
}

/**
 * The same forum as seedLesson() writes to SQLite, in the lesson's
 * PostgreSQL schema: the lesson's migratePostgres() first (so an empty
 * database gets its tables), then one transaction. The rows are the same as
 * SQLite's, ids included: emptying restarts the identity columns.
 */
async function seedPostgres(lesson: Lesson, url: string, options: SeedOptions): Promise<SeedResult> {
  const where = hidePassword(url);
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new SeedRefusal(`DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/database, got ${JSON.stringify(where)}.`);
  }
  const pg = createRequire(join(lesson.dir, 'package.json'))('pg') as PgModule;
  const { migratePostgres } = (await importFrom<{ migratePostgres: (pool: PgPool) => Promise<void> }>(lesson, postgresSchemaFile))!;

  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 5000 });
  // A connection that breaks while idle is reported here; the query that needed it fails on its own.
  pool.on('error', () => {});
  try {
    return await seedPostgresPool(lesson, pool, migratePostgres, where, options);
  } catch (error) {
    // Unreachable, refused, or broken halfway (and rolled back): one line, no stack.
    throw error instanceof SeedRefusal ? error : new SeedRefusal(postgresProblem(lesson, error, where));
  } finally {
    await pool.end().catch(() => {});
  }
}

async function seedPostgresPool(
  lesson: Lesson,
  pool: PgPool,
  migratePostgres: (pool: PgPool) => Promise<void>,
  where: string,
  options: SeedOptions,
): Promise<SeedResult> {
  await migratePostgres(pool);
  const client = await pool.connect();
  try {
    const tables = (
      await client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
      )
    ).rows.map((row) => row.name);
    const userColumns = new Set(
      (
        await client.query<{ name: string }>(
          'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
          ['users'],
        )
      ).rows.map((row) => row.name),
    );
    const { hashes, hasPasswords } = await hashAccounts(lesson, userColumns.has('password_hash'));
    const hasStatus = userColumns.has('status');
    const hasRole = userColumns.has('role');
    const hasPosts = tables.includes('posts') && tables.includes('replies');

    let postCount = 0;
    let replyCount = 0;
    await client.query('BEGIN');
    try {
      if (!options.keep) {
        // Every table of the forum at once (foreign keys accept that), but
        // not the migrations' record. No CASCADE: a table of another app
        // that points at these makes TRUNCATE fail instead of emptying it.
        const forumTables = tables.filter((table) => table !== 'schema_migrations');
        if (forumTables.length > 0) await client.query(`TRUNCATE ${forumTables.map((table) => `"${table}"`).join(', ')} RESTART IDENTITY`);
      }
      let minute = 0;
      const at = () => new Date(firstTime + minute++ * 60_000).toISOString();
      const ids = new Map<string, number>();
      for (const account of accounts) {
        const [existing] = (
          await client.query<{ id: number }>('SELECT id FROM users WHERE lower(email) = lower($1) OR lower(username) = lower($2)', [
            account.email,
            account.username,
          ])
        ).rows;
        if (existing) {
          ids.set(account.username, existing.id);
          minute++;
          continue;
        }
        const values = userRow(account, at(), hashes, { hasPasswords, hasStatus, hasRole });
        const names = Object.keys(values);
        const [row] = (
          await client.query<{ id: number }>(
            `INSERT INTO users (${names.join(', ')}) VALUES (${names.map((_name, index) => `$${index + 1}`).join(', ')}) RETURNING id`,
            Object.values(values),
          )
        ).rows;
        ids.set(account.username, row!.id);
      }
      const seeded = hasPosts && (await client.query('SELECT 1 FROM posts WHERE title = $1', [posts[0]!.title])).rows.length > 0;
      if (hasPosts && !seeded) {
        for (const post of posts) {
          const createdAt = at();
          const [row] = (
            await client.query<{ id: number }>(
              `INSERT INTO posts (author_id, title, body, created_at, updated_at, last_activity_at)
               VALUES ($1, $2, $3, $4, $4, $4) RETURNING id`,
              [ids.get(post.author), post.title, post.body, createdAt],
            )
          ).rows;
          postCount++;
          for (const reply of post.replies) {
            const replyAt = at();
            await client.query('INSERT INTO replies (post_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)', [
              row!.id,
              ids.get(reply.author),
              reply.body,
              replyAt,
            ]);
            await client.query('UPDATE posts SET reply_count = reply_count + 1, last_activity_at = $1 WHERE id = $2', [replyAt, row!.id]);
            replyCount++;
          }
        }
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
    return {
      database: where,
      engine: 'postgres',
      tables,
      accounts: reportedAccounts({ hasPasswords, hasStatus, hasRole }),
      posts: postCount,
      replies: replyCount,
    };
  } finally {
    client.release();
  }
}
// #endregion postgres
