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
];

/** Applies the steps this database has not had yet, each in its own transaction. */
export function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > migrations.length) {
    throw new Error(`The database is at schema version ${applied}, newer than this code (${migrations.length})`);
  }
  for (let version = applied + 1; version <= migrations.length; version++) {
    // Both or neither: a step that fails leaves the version where it was.
    db.transaction(() => {
      db.exec(migrations[version - 1]!);
      db.pragma(`user_version = ${version}`);
    })();
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
  if (path !== ':memory:') {
    // Write-ahead logging: readers do not wait for a writer. It needs a file.
    db.pragma('journal_mode = WAL');
  }
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
// #endregion open-database
