import type BetterSqlite3 from 'better-sqlite3';

type Statement<Params extends unknown[], Result = unknown> = BetterSqlite3.Statement<Params, Result>;

/** Every statement the store runs, prepared once when the store is built. */
export interface Statements {
  get: Statement<[sid: string, now: number], string>;
  set: Statement<[sid: string, expires: number, sess: string]>;
  destroy: Statement<[sid: string]>;
  destroyIfUnchanged: Statement<[sid: string, sess: string]>;
  touchCookie: Statement<[expires: number, cookie: string, sid: string, now: number, ...skip: number[]]>;
  touchExpiry: Statement<[expires: number, sid: string, now: number, ...skip: number[]]>;
  readForUpdate: Statement<[sid: string, now: number], { sess: string; expires: number }>;
  rewrite: Statement<[expires: number, sess: string, sid: string]>;
  all: Statement<[now: number], { sid: string; sess: string }>;
  ids: Statement<[now: number], string>;
  length: Statement<[now: number], number>;
  clear: Statement<[]>;
  prune: Statement<[now: number, limit: number]>;
}

const COLUMNS = ['sid', 'expires', 'sess'];

/** Double-quotes an identifier that already matched TABLE_PATTERN. */
export function quote(identifier: string): string {
  return `"${identifier}"`;
}

// #region schema
/**
 * Creates the table and its expiry index if they are missing. The table is
 * WITHOUT ROWID: a lookup by sid is one B-tree search instead of two, and the
 * expiry index holds (expires, sid), so pruning and `ids()` never touch the
 * rows. The work runs in one `BEGIN IMMEDIATE` transaction, so processes
 * starting together on a new file do not race, and a same-named table with
 * other columns is refused.
 */
export function createSchema(db: BetterSqlite3.Database, table: string): void {
  const name = quote(table);
  const index = quote(`${table}_expires_idx`);
  db.transaction(() => {
    const existing = (db.pragma(`table_info(${name})`) as { name: string }[]).map((column) => column.name);
    if (existing.length > 0 && !COLUMNS.every((column) => existing.includes(column))) {
      throw new Error(
        `SQLiteStore: table ${name} already exists with columns (${existing.join(', ')}); ` +
          `the store needs (${COLUMNS.join(', ')}). Choose another "table" option.`,
      );
    }
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${name} (
        sid TEXT PRIMARY KEY NOT NULL,
        expires INTEGER NOT NULL,
        sess TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS ${index} ON ${name} (expires);
    `);
  }).immediate();
}
// #endregion schema

// #region busy-retry
/**
 * Runs `work`, retrying while SQLite answers SQLITE_BUSY, for up to
 * `timeoutMs`. Only startup needs this: switching a new file to WAL takes an
 * exclusive lock, and a connection that meets another one mid-switch (or
 * mid-recovery) gets SQLITE_BUSY at once, without the busy timeout's wait.
 * The constructor is synchronous, so the pause between attempts is too.
 */
export function retryWhileBusy(timeoutMs: number, work: () => void): void {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      work();
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const busy = typeof code === 'string' && code.startsWith('SQLITE_BUSY');
      if (!busy || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, Math.min(5 * attempt, 50));
    }
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));
// #endregion busy-retry

// #region statements
/**
 * Prepares every statement once. Expiry is an integer number of milliseconds
 * compared with a bound `now`, so a row is live while `expires > now`.
 * With `touchAfter` above 0, the touch statements carry an extra condition
 * and match no row (so write nothing) when the expiry moved by less.
 */
export function prepareStatements(db: BetterSqlite3.Database, table: string, touchAfter: number): Statements {
  const name = quote(table);
  const skip = touchAfter > 0 ? 'AND abs(? - expires) >= ?' : '';
  return {
    get: db.prepare<[string, number], string>(`SELECT sess FROM ${name} WHERE sid = ? AND expires > ?`).pluck(),
    // One atomic upsert: never read-then-write, never INSERT OR REPLACE
    // (a delete plus an insert).
    set: db.prepare(
      `INSERT INTO ${name} (sid, expires, sess) VALUES (?, ?, ?)
       ON CONFLICT (sid) DO UPDATE SET expires = excluded.expires, sess = excluded.sess`,
    ),
    destroy: db.prepare(`DELETE FROM ${name} WHERE sid = ?`),
    // Deletes a corrupt row only if nobody rewrote it in the meantime.
    destroyIfUnchanged: db.prepare(`DELETE FROM ${name} WHERE sid = ? AND sess = ?`),
    // The expiry column and the stored cookie change in one statement.
    touchCookie: db.prepare(
      `UPDATE ${name} SET expires = ?, sess = json_set(sess, '$.cookie', json(?))
       WHERE sid = ? AND expires > ? ${skip}`,
    ),
    touchExpiry: db.prepare(`UPDATE ${name} SET expires = ? WHERE sid = ? AND expires > ? ${skip}`),
    readForUpdate: db.prepare(`SELECT sess, expires FROM ${name} WHERE sid = ? AND expires > ?`),
    rewrite: db.prepare(`UPDATE ${name} SET expires = ?, sess = ? WHERE sid = ?`),
    // Nearly every row is live when pruning runs, so one pass over the table
    // beats an index walk plus a lookup per row; `+` keeps the index out.
    all: db.prepare(`SELECT sid, sess FROM ${name} WHERE +expires > ?`),
    ids: db.prepare<[number], string>(`SELECT sid FROM ${name} WHERE expires > ?`).pluck(),
    // All rows minus expired rows, both counted on the expiry index; the JSON
    // is never read. A bare count(*) counts index pages rather than stepping
    // through entries, and expired rows are few while pruning runs.
    length: db
      .prepare<[number], number>(`SELECT (SELECT count(*) FROM ${name}) - (SELECT count(*) FROM ${name} WHERE expires <= ?)`)
      .pluck(),
    clear: db.prepare(`DELETE FROM ${name}`),
    prune: db.prepare(`DELETE FROM ${name} WHERE sid IN (SELECT sid FROM ${name} WHERE expires <= ? LIMIT ?)`),
  };
}
// #endregion statements
