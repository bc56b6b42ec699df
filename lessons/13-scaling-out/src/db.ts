import Database from 'better-sqlite3';

// #region migrations
// The schema, as a list of steps. Lessons 03 to 06 had one `CREATE TABLE IF
// NOT EXISTS`; it cannot change a table that exists, so a forum.db made by an
// earlier run would never get a new column. Each step here runs once per
// database file: SQLite keeps a number in the file (PRAGMA user_version) that
// counts the steps already applied. Add a step at the end; never edit one
// that has run somewhere.
export const migrations: readonly string[] = [
  // 1 (lesson 03): users.
  `CREATE TABLE IF NOT EXISTS users (
     id         INTEGER PRIMARY KEY,
     username   TEXT NOT NULL UNIQUE,
     email      TEXT NOT NULL UNIQUE COLLATE NOCASE,
     created_at TEXT NOT NULL
   ) STRICT;`,
  // 2 (lesson 07): a password hash per user. SQLite can add a NOT NULL column
  // only with a default, and there is no sensible default password: users
  // created before this step keep NULL, and cannot log in until they get one.
  `ALTER TABLE users ADD COLUMN password_hash TEXT;`,
  // 3 (lesson 07): a username is taken whatever its letter case: `bob` and
  // `BOB` would be two accounts that look like one person in every list.
  // Emails were compared without case from the start (COLLATE NOCASE above).
  `CREATE UNIQUE INDEX users_username_nocase ON users (username COLLATE NOCASE);`,
  // #region approval-migration
  // 4 (lesson 08): approval and roles. A new account is a pending member
  // (the defaults). Accounts from before this step could already use the
  // forum, so they become approved members instead of being locked out.
  // The index serves the admin's list of users by status, in id order.
  `ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved'));
   ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin'));
   UPDATE users SET status = 'approved';
   CREATE INDEX users_status ON users (status, id);`,
  // #endregion approval-migration
  // #region posts-migration
  // 5 (lesson 09): posts and their replies. Deleting a post deletes its
  // replies (ON DELETE CASCADE; foreign keys are on, see openDatabase).
  // reply_count and last_activity_at are kept by the reply route, in the same
  // transaction as the reply. Timestamps are ISO 8601 strings, which sort
  // like the times they name. Each index matches one list's ORDER BY, with
  // the id as the tie-breaker, so a page is read in index order, never sorted.
  `CREATE TABLE posts (
     id               INTEGER PRIMARY KEY,
     author_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     title            TEXT NOT NULL,
     body             TEXT NOT NULL,
     reply_count      INTEGER NOT NULL DEFAULT 0,
     created_at       TEXT NOT NULL,
     updated_at       TEXT NOT NULL,
     last_activity_at TEXT NOT NULL
   ) STRICT;
   CREATE INDEX posts_by_activity ON posts (last_activity_at DESC, id DESC);
   CREATE INDEX posts_by_author ON posts (author_id);
   CREATE TABLE replies (
     id         INTEGER PRIMARY KEY,
     post_id    INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
     author_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     body       TEXT NOT NULL,
     created_at TEXT NOT NULL
   ) STRICT;
   CREATE INDEX replies_by_post ON replies (post_id, id);
   CREATE INDEX replies_by_author ON replies (author_id);`,
  // #endregion posts-migration
];

/**
 * Applies the steps this database has not had yet, one transaction each.
 *
 * Two servers can start on the same new file at the same moment (two
 * terminals, two instances behind a load balancer). If both read "version 0"
 * and then both ran step 2, the second would fail with "duplicate column
 * name" and leave a file no server starts on. So each step takes SQLite's
 * write lock first (`BEGIN IMMEDIATE`: the other server waits), then reads
 * the version inside the transaction, and does nothing if someone else has
 * already applied the step.
 */
export function migrate(db: Database.Database): void {
  const applyNextStep = db.transaction((): boolean => {
    const applied = db.pragma('user_version', { simple: true }) as number;
    if (applied > migrations.length) {
      throw new Error(`The database is at schema version ${applied}, newer than this code (${migrations.length})`);
    }
    if (applied === migrations.length) return false;
    // Both or neither: a step that fails leaves the version where it was.
    try {
      db.exec(migrations[applied]!);
    } catch (error) {
      throw new Error(`Schema step ${applied + 1} of ${migrations.length} failed: ${(error as Error).message}`, { cause: error });
    }
    db.pragma(`user_version = ${applied + 1}`);
    return true;
  });
  // .immediate() starts the transaction with BEGIN IMMEDIATE.
  while (applyNextStep.immediate()) {
    // One step per transaction, until none is left.
  }
}
// #endregion migrations

// #region open-database
/**
 * Opens (or creates) the SQLite database at `path` and brings its schema up
 * to date. `:memory:` gives a private database that disappears when closed:
 * what the tests use, one per test.
 */
export function openDatabase(path: string): Database.Database {
  const db = new Database(path);
  // SQLite checks foreign keys only when asked, once per connection.
  db.pragma('foreign_keys = ON');
  try {
    if (path !== ':memory:') {
      // Write-ahead logging: readers do not wait for a writer. It needs a file.
      whenUnlocked(() => db.pragma('journal_mode = WAL'));
    }
    // Another server may be starting on the same file at this moment.
    whenUnlocked(() => migrate(db));
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
// #endregion open-database

// #region when-unlocked
/**
 * Runs `work`, and again while SQLite answers SQLITE_BUSY, for up to ten
 * seconds. A write waits for another connection's lock by itself (five
 * seconds, better-sqlite3's default), but switching a new file to WAL needs
 * the file to itself for a moment, and a connection that meets another one
 * in that moment is told "database is locked" at once.
 */
function whenUnlocked(work: () => void): void {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      work();
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      // Opening a database is synchronous, so the pause is too: 10 ms.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}
// #endregion when-unlocked
