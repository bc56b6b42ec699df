import type { User, UserRole, UserStatus } from '../domain/models.ts';

// #region users-repository
/** A new account, as the accounts service hands it over: the password already hashed. */
export interface NewUser {
  username: string;
  email: string;
  passwordHash: string;
  status: UserStatus;
  role: UserRole;
  createdAt: string;
}

/**
 * Where users are kept. The services know only this interface: SQLite
 * implements it in sqlite/users.ts, the service tests with an array, and
 * lesson 13 with PostgreSQL. Every method returns a promise, so an
 * implementation that talks to a database over the network fits.
 */
export interface UsersRepository {
  /** Stores the account and returns it. A taken username or email (in any letter case) rejects with a ConflictError. */
  create(user: NewUser): Promise<User>;
  findById(id: number): Promise<User | undefined>;
  /** The user and the stored password hash: the only method that reads it. `null` for an account made before passwords. */
  findByEmailWithHash(email: string): Promise<(User & { passwordHash: string | null }) | undefined>;
  /** A page of users in id order, of one status or of all. */
  list(query: { status?: UserStatus; limit: number; offset: number }): Promise<User[]>;
  count(query: { status?: UserStatus }): Promise<number>;
  /** Sets status and role; the changed user, or undefined when there is no such user. */
  setAccess(id: number, access: { status: UserStatus; role?: UserRole }): Promise<User | undefined>;
}
// #endregion users-repository
