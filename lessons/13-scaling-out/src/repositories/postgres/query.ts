import type { Pool, PoolClient } from 'pg';
import { translate } from './errors.ts';

// #region rows
/**
 * Runs one statement on the pool (or on a client a transaction holds) and
 * answers its rows. The values travel apart from the SQL ($1, $2…), so a
 * username is never SQL. A PostgreSQL error comes out as the services
 * understand it (errors.ts): a ConflictError, an UnavailableError, or the
 * error itself.
 */
export async function rows<Row extends object = object>(db: Pool | PoolClient, sql: string, values: unknown[] = []): Promise<Row[]> {
  try {
    return (await db.query<Row>(sql, values)).rows;
  } catch (error) {
    throw translate(error);
  }
}
// #endregion rows
