import { hashPassword, verifyDummy, verifyPassword } from '../auth/password.ts';

// #region password-hasher
/**
 * What the accounts service needs from a password hash, and nothing about
 * how it is made. The app passes scrypt (auth/password.ts, about 70 ms a
 * hash, on purpose); the service tests pass a fake that takes no time.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Does `password` match the stored hash? */
  verify(password: string, stored: string): Promise<boolean>;
  /** The same work as verify() and always false: for a login whose email matches no account. */
  verifyDummy(password: string): Promise<false>;
}

export const scryptHasher: PasswordHasher = {
  hash: (password) => hashPassword(password),
  verify: verifyPassword,
  verifyDummy,
};
// #endregion password-hasher
