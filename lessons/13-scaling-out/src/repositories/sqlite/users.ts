import type { Database } from 'better-sqlite3';
import { ConflictError } from '../../domain/errors.ts';
import type { User, UserStatus } from '../../domain/models.ts';
import type { NewUser, UsersRepository } from '../users-repository.ts';

// The columns the API shows, renamed from snake_case to the JSON's camelCase.
// password_hash is not among them: a query that selects these cannot leak it.
const userColumns = 'id, username, email, status, role, created_at AS createdAt';

// #region sqlite-users
/**
 * UsersRepository on better-sqlite3. The statements are prepared once;
 * better-sqlite3 runs them synchronously, and each method returns a promise
 * of the result (async functions) to keep the interface's promise.
 */
export function createSqliteUsersRepository(db: Database): UsersRepository {
  const insertUser = db.prepare<NewUser, User>(
    `INSERT INTO users (username, email, password_hash, created_at, status, role)
     VALUES (@username, @email, @passwordHash, @createdAt, @status, @role)
     RETURNING ${userColumns}`,
  );
  const findById = db.prepare<[number], User>(`SELECT ${userColumns} FROM users WHERE id = ?`);
  // The only query that reads password_hash.
  const findByEmail = db.prepare<[string], User & { passwordHash: string | null }>(
    `SELECT ${userColumns}, password_hash AS passwordHash FROM users WHERE email = ?`,
  );
  // `@status IS NULL` matches every row when no status is asked for.
  const listUsers = db.prepare<{ status: UserStatus | null; limit: number; offset: number }, User>(
    `SELECT ${userColumns} FROM users
     WHERE @status IS NULL OR status = @status
     ORDER BY id LIMIT @limit OFFSET @offset`,
  );
  const countUsers = db
    .prepare<{ status: UserStatus | null }, number>('SELECT count(*) FROM users WHERE @status IS NULL OR status = @status')
    .pluck();
  // One statement: it changes the row and answers it, or matches no row.
  // COALESCE keeps the role when the change leaves it out.
  const setAccess = db.prepare<{ id: number; status: UserStatus; role: string | null }, User>(
    `UPDATE users SET status = @status, role = COALESCE(@role, role) WHERE id = @id RETURNING ${userColumns}`,
  );

  return {
    async create(user) {
      try {
        return insertUser.get(user)!;
      } catch (error) {
        throw conflictFrom(error);
      }
    },
    async findById(id) {
      return findById.get(id);
    },
    async findByEmailWithHash(email) {
      return findByEmail.get(email);
    },
    async list({ status, limit, offset }) {
      return listUsers.all({ status: status ?? null, limit, offset });
    },
    async count({ status }) {
      return countUsers.get({ status: status ?? null })!;
    },
    async setAccess(id, { status, role }) {
      return setAccess.get({ id, status, role: role ?? null });
    },
  };
}
// #endregion sqlite-users

// #region conflict
/**
 * SQLite refuses a second `ada` (or `ADA`, see the unique index in db.ts)
 * with "UNIQUE constraint failed: users.username". That is SQLite's way of
 * saying what the service needs to hear, a ConflictError naming the field;
 * PostgreSQL says it differently, and lesson 13's repository translates that.
 */
function conflictFrom(error: unknown): unknown {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE') return error;
  const column = /^UNIQUE constraint failed: users\.(\w+)$/.exec(String(message))?.[1];
  return new ConflictError(column === undefined ? 'A record with these values already exists' : `${column} is already taken`);
}
// #endregion conflict
