import type { Pool } from 'pg';
import type { User, UserStatus } from '../../domain/models.ts';
import type { NewUser, UsersRepository } from '../users-repository.ts';
import { rows } from './query.ts';

type UserRow = Omit<User, 'createdAt'> & { createdAt: Date };

// The columns the API shows, renamed to the JSON's camelCase. The quotes
// keep the capital letters: PostgreSQL folds unquoted names to lowercase.
const userColumns = 'id, username, email, status, role, created_at AS "createdAt"';

const toUser = ({ createdAt, ...user }: UserRow): User => ({ ...user, createdAt: createdAt.toISOString() });

// #region postgres-users
/**
 * UsersRepository on PostgreSQL, through a pool of connections (pg.Pool).
 * The same methods as SQLite's, with PostgreSQL's placeholders ($1, $2…),
 * each statement run by rows() (query.ts). Each statement takes a
 * connection from the pool and gives it back when done.
 */
export function createPostgresUsersRepository(pool: Pool): UsersRepository {
  return {
    async create(user) {
      const [row] = await rows<UserRow>(
        pool,
        `INSERT INTO users (username, email, password_hash, created_at, status, role)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${userColumns}`,
        [user.username, user.email, user.passwordHash, user.createdAt, user.status, user.role],
      );
      return toUser(row!);
    },
    async findById(id) {
      const [row] = await rows<UserRow>(pool, `SELECT ${userColumns} FROM users WHERE id = $1`, [id]);
      return row && toUser(row);
    },
    async findByEmailWithHash(email) {
      // lower(email) is what the unique index holds, so this is an index lookup.
      const [row] = await rows<UserRow & { passwordHash: string | null }>(
        pool,
        `SELECT ${userColumns}, password_hash AS "passwordHash" FROM users WHERE lower(email) = lower($1)`,
        [email],
      );
      return row && { ...toUser(row), passwordHash: row.passwordHash };
    },
    async list({ status, limit, offset }) {
      // `$1::text IS NULL` matches every row when no status is asked for.
      const found = await rows<UserRow>(
        pool,
        `SELECT ${userColumns} FROM users WHERE $1::text IS NULL OR status = $1 ORDER BY id LIMIT $2 OFFSET $3`,
        [status ?? null, limit, offset],
      );
      return found.map(toUser);
    },
    // #region count
    async count({ status }) {
      // count(*) is a bigint, which pg hands over as a string: ::int makes it a number.
      const [row] = await rows<{ count: number }>(pool, 'SELECT count(*)::int AS count FROM users WHERE $1::text IS NULL OR status = $1', [status ?? null]);
      return row!.count;
    },
    // #endregion count
    async setAccess(id, { status, role }) {
      const [row] = await rows<UserRow>(
        pool,
        `UPDATE users SET status = $2, role = COALESCE($3, role) WHERE id = $1 RETURNING ${userColumns}`,
        [id, status satisfies UserStatus, role ?? null],
      );
      return row && toUser(row);
    },
  };
}
// #endregion postgres-users
