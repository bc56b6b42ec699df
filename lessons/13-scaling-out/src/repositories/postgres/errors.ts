import { ConflictError, UnavailableError } from '../../domain/errors.ts';

// #region translate
/** Node's own codes for a connection that could not be made or was lost. */
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Is this the database going away, rather than a mistake in a query? Node's
 * network errors; PostgreSQL's class 08 (connection exception) and 57P0x
 * (the server is shutting down or starting); and node-postgres's own words
 * for a connection that ended or a pool that waited too long for one.
 */
export function isConnectionError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (networkCodes.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) return true;
  return typeof message === 'string' && /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(message);
}

/**
 * What the services understand: PostgreSQL says "unique_violation" (23505)
 * and names the index; the service needs a ConflictError naming the field,
 * as SQLite's repository gives it. A lost connection becomes an
 * UnavailableError, which the API answers 503 (try again soon), not 500.
 * Anything else goes up as it is: a bug, logged as a 500.
 */
export function translate(error: unknown): unknown {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  if (code === '23505') {
    const field = { users_username_key: 'username', users_email_key: 'email' }[String(constraint)];
    return new ConflictError(field === undefined ? 'A record with these values already exists' : `${field} is already taken`);
  }
  if (isConnectionError(error)) return new UnavailableError('The database is not answering. Try again in a moment.', { cause: error });
  return error;
}
// #endregion translate
