// A believable forum for any lesson with a database, the same every time.
// The data is one list for the whole course; what a lesson gets depends on
// the tables and columns its own openDatabase() creates (it runs the lesson's
// migrations), so a new lesson with the same schema needs nothing here.
import { existsSync } from 'node:fs';
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
}

export interface SeedResult {
  databasePath: string;
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

export async function seedLesson(lesson: Lesson, options: SeedOptions = {}): Promise<SeedResult> {
  const fallback = await defaultDatabase(lesson);
  if (fallback === undefined) {
    throw new SeedRefusal(`Lesson ${lesson.slug.slice(0, 2)} (${lesson.title}) has no database, so there is nothing to seed. Lessons with a database have a src/db.ts.`);
  }
  const databasePath = options.databasePath === undefined ? fallback : resolve(options.databasePath);
  const { openDatabase } = (await importFrom<{ openDatabase: (path: string) => Db }>(lesson, 'src/db.ts'))!;
  const passwords = await importFrom<{ hashPassword: (password: string) => Promise<string> }>(lesson, 'src/auth/password.ts');
  const policy = await importFrom<{ passwordProblem: (password: string, account: { username: string; email: string }) => string | undefined }>(
    lesson,
    'src/auth/password-policy.ts',
  );

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
    const hasPasswords = userColumns.has('password_hash') && passwords !== undefined;
    const hasStatus = userColumns.has('status');
    const hasRole = userColumns.has('role');
    const hasPosts = tables.includes('posts') && tables.includes('replies');

    for (const account of accounts) {
      const problem = policy?.passwordProblem(account.password, account);
      if (problem) throw new Error(`seed account ${account.username}: the lesson's password policy refuses its password (${problem})`);
    }
    // Hashing is the slow part (scrypt): done before the transaction.
    const hashes = new Map<string, string>();
    if (hasPasswords) {
      for (const account of accounts) hashes.set(account.username, await passwords!.hashPassword(account.password));
    }

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
        const values: Record<string, unknown> = { username: account.username, email: account.email, created_at: at() };
        if (hasPasswords) values.password_hash = hashes.get(account.username);
        if (hasStatus) values.status = account.status;
        if (hasRole) values.role = account.role;
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
      databasePath,
      tables,
      accounts: accounts.map((account) => ({
        ...account,
        role: hasRole ? account.role : undefined,
        status: hasStatus ? account.status : undefined,
        loginable: hasPasswords,
      })),
      posts: postCount,
      replies: replyCount,
    };
  } finally {
    db.close();
  }
}
