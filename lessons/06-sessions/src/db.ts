import Database from 'better-sqlite3';

// #region schema
// Run on every start. `IF NOT EXISTS` makes it safe to repeat: an existing
// table, and every row in it, is left as it is. Later lessons add columns
// (password_hash, status, role).
const schema = `
  CREATE TABLE IF NOT EXISTS users (
    id         INTEGER PRIMARY KEY,
    username   TEXT NOT NULL UNIQUE,
    email      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL
  ) STRICT;
`;
// #endregion schema

// #region open-database
/**
 * Opens (or creates) the SQLite database at `path` and makes sure the schema
 * exists. `:memory:` gives a private database that disappears when closed:
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
  db.exec(schema);
  return db;
}
// #endregion open-database
