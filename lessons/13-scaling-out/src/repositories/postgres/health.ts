import type { Pool } from 'pg';
import type { Check } from '../sqlite/health.ts';

// #region check-postgres
/**
 * For /ready: a read and a write that changes nothing. `UPDATE … WHERE
 * false` touches no row, but PostgreSQL refuses it at once on a read-only
 * server (a replica, or a primary that has become one after a failover),
 * which answers every SELECT. The pool's connection timeout bounds the wait
 * for a server that is gone; `timeoutMs` bounds the rest.
 */
export function postgresCheck(pool: Pool, timeoutMs = 2000): () => Promise<Check> {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([probe(pool), timeout]);
      return { ok: true };
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      return { ok: false, problem: code ?? message ?? 'no answer' };
    } finally {
      clearTimeout(timer);
    }
  };
}

async function probe(pool: Pool): Promise<void> {
  await pool.query('SELECT count(*) FROM users WHERE false');
  await pool.query('UPDATE users SET status = status WHERE false');
}
// #endregion check-postgres
