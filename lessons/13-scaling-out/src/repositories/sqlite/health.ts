import type { Database } from 'better-sqlite3';

/** What a readiness check found: fine, or the problem in a few words. */
export type Check = { ok: true } | { ok: false; problem: string };

// #region check-database
/**
 * For /ready: reads, then takes the write lock and writes (a table that the
 * rollback removes again). A database file the process may only read opens
 * without an error and answers every SELECT: only a write finds it out.
 * SQL, so it lives with the repositories; ready.ts only calls it.
 */
export function sqliteCheck(db: Database): () => Promise<Check> {
  return async () => {
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      db.transaction(() => {
        db.exec('CREATE TABLE ready_probe (x)');
        throw new RolledBack();
      }).immediate();
    } catch (error) {
      if (error instanceof RolledBack) return { ok: true };
      return { ok: false, problem: (error as { code?: string }).code ?? 'unreadable' };
    }
    return { ok: false, problem: 'the write was not rolled back' };
  };
}

class RolledBack extends Error {}
// #endregion check-database
