import type { KnownError } from './known-errors.ts';

// #region sqlite-errors
/**
 * better-sqlite3 throws a SqliteError whose `code` names the failed
 * constraint. A constraint the client can break becomes a 4xx that names the
 * column; the SQL, the table and the index names stay on the server.
 *
 * - UNIQUE / PRIMARY KEY → 409 "email is already taken"
 * - FOREIGN KEY → 409: the row refers to a row that does not exist, or is
 *   still referred to by others; either way it conflicts with the stored data
 * - NOT NULL → 400 "email is required"; CHECK → 400: bad input, like a
 *   validation failure
 */
export function fromSqliteError(err: Record<string, unknown>): KnownError | undefined {
  const code = err.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return undefined;
  const columns = columnsOf(err.message);

  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return { status: 409, detail: alreadyTaken(columns) };
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return { status: 409, detail: 'The request refers to a record that does not exist, or the record is still in use' };
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return { status: 400, detail: columns.length === 1 ? `${columns[0]} is required` : 'A required value is missing' };
    case 'SQLITE_CONSTRAINT_CHECK':
      return { status: 400, detail: 'A value in the request is not allowed' };
    default:
      return { status: 409, detail: 'The request conflicts with the stored data' };
  }
}
// #endregion sqlite-errors

function alreadyTaken(columns: string[]): string {
  if (columns.length === 0) return 'A record with these values already exists';
  if (columns.length === 1) return `${columns[0]} is already taken`;
  return `This combination of ${columns.slice(0, -1).join(', ')} and ${columns.at(-1)} is already taken`;
}

/**
 * "UNIQUE constraint failed: users.email, users.name" → ["email", "name"].
 * Anything else (an index name, an expression) gives [] so that nothing but a
 * plain column name can reach the client.
 */
export function columnsOf(message: unknown): string[] {
  if (typeof message !== 'string') return [];
  const match = /^(?:UNIQUE|NOT NULL) constraint failed: (.+)$/.exec(message);
  if (!match) return [];
  const columns: string[] = [];
  for (const part of match[1]!.split(', ')) {
    const column = /^\w+\.(\w+)$/.exec(part)?.[1];
    if (column === undefined) return [];
    columns.push(column);
  }
  return columns;
}
