import { AuthenticationError, ValidationError } from '../domain/errors.ts';
import type { User } from '../domain/models.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import type { UsersRepository } from '../repositories/users-repository.ts';
import type { PasswordHasher } from './password-hasher.ts';

/** The one answer to every failed login, whichever part was wrong. */
export const BAD_CREDENTIALS = 'Email or password is incorrect';

/** What ensureFirstAdmin() found: the account was made admin now, was one already, or does not exist yet. */
export type AdminState = 'promoted' | 'already admin' | 'not registered';

export interface AccountsServiceDeps {
  users: UsersRepository;
  hasher: PasswordHasher;
  /** ADMIN_EMAIL, lowercased, or undefined. */
  adminEmail: string | undefined;
  /** The clock, in milliseconds since 1970. */
  now: () => number;
}

// #region accounts-service
/** Registering, logging in, and who is logged in. */
export interface AccountsService {
  /** A new account: pending, unless its email is ADMIN_EMAIL. ValidationError for a weak password, ConflictError for a taken name. */
  register(account: { username: string; email: string; password: string }): Promise<User>;
  /** The account these credentials open, or an AuthenticationError. */
  logIn(credentials: { email: string; password: string }): Promise<User>;
  /** The user a session names, or undefined when the account is gone. */
  findUser(id: number): Promise<User | undefined>;
  /** Makes the account of ADMIN_EMAIL an approved admin, if it exists; undefined without ADMIN_EMAIL. */
  ensureFirstAdmin(): Promise<AdminState | undefined>;
}

export function createAccountsService({ adminEmail, hasher, now, users }: AccountsServiceDeps): AccountsService {
  return {
    async register({ password, ...fields }) {
      // The schema already asked the same rule, to list every field's
      // problem in one answer; the service asks again because the rule is
      // its own, whoever calls it.
      const problem = passwordProblem(password, fields);
      if (problem !== undefined) throw new ValidationError([{ field: 'password', message: problem }]);
      const passwordHash = await hasher.hash(password);
      // #region first-admin
      // Everyone starts as a pending member, except the account of
      // ADMIN_EMAIL (emails are stored lowercased, and so is the setting).
      const isAdmin = adminEmail !== undefined && fields.email === adminEmail;
      const access = isAdmin ? ({ status: 'approved', role: 'admin' } as const) : ({ status: 'pending', role: 'member' } as const);
      // #endregion first-admin
      // A taken username or email: the repository throws a ConflictError.
      return users.create({ ...fields, ...access, passwordHash, createdAt: new Date(now()).toISOString() });
    },

    // #region log-in
    async logIn({ email, password }) {
      const found = await users.findByEmailWithHash(email);
      // Always hash once. For an unknown email (or an account from before
      // passwords), verifyDummy() does the same work and fails, so the
      // answer takes as long as for a wrong password: neither its words nor
      // its timing tell whether an account exists.
      const stored = found?.passwordHash ?? null;
      const matches = stored === null ? await hasher.verifyDummy(password) : await hasher.verify(password, stored);
      if (found === undefined || !matches) throw new AuthenticationError(BAD_CREDENTIALS);
      const { passwordHash: _hash, ...user } = found;
      return user;
    },
    // #endregion log-in

    findUser: (id) => users.findById(id),

    // #region ensure-first-admin
    // The server calls this at every start, so setting ADMIN_EMAIL for an
    // account registered earlier promotes it; an account registered later is
    // made admin by register(). Nobody else is ever promoted here.
    async ensureFirstAdmin() {
      if (adminEmail === undefined) return undefined;
      const found = await users.findByEmailWithHash(adminEmail);
      if (found === undefined) return 'not registered';
      if (found.status === 'approved' && found.role === 'admin') return 'already admin';
      await users.setAccess(found.id, { status: 'approved', role: 'admin' });
      return 'promoted';
    },
    // #endregion ensure-first-admin
  };
}
// #endregion accounts-service
