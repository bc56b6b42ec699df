// The accounts service with in-memory users and a fake hasher: no SQLite,
// no HTTP, no scrypt. What these tests cannot see (the SQL, the cookie, the
// status codes) the repository tests and lesson 11's API tests cover.
import { expect, test } from 'vitest';
import { AuthenticationError, ConflictError, ValidationError } from '../../src/domain/errors.ts';
import { BAD_CREDENTIALS, createAccountsService } from '../../src/services/accounts.ts';
import { fakeHasher, memoryRepositories } from '../fakes.ts';

const ada = { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple' };
const startOf2025 = Date.parse('2025-01-01T00:00:00.000Z');

// #region make-accounts
/** The service on empty in-memory users; ADMIN_EMAIL is admin@example.com unless `adminEmail` says otherwise (undefined: none). */
function makeAccounts(options: { adminEmail?: string | undefined } = {}) {
  const adminEmail = 'adminEmail' in options ? options.adminEmail : 'admin@example.com';
  const { users } = memoryRepositories();
  const accounts = createAccountsService({ users, hasher: fakeHasher, adminEmail, now: () => startOf2025 });
  return { accounts, users };
}
// #endregion make-accounts

// #region register-tests
test('register() makes a pending member, stamped by the clock, with a hash and not the password', async () => {
  const { accounts, users } = makeAccounts();

  const user = await accounts.register(ada);

  expect(user).toEqual({ id: 1, username: 'ada', email: 'ada@example.com', status: 'pending', role: 'member', createdAt: '2025-01-01T00:00:00.000Z' });
  expect(user).not.toHaveProperty('passwordHash');
  expect(users.rows[0]!.passwordHash).toBe(await fakeHasher.hash(ada.password));
});

test('register() makes the account of ADMIN_EMAIL an approved admin, and nobody without ADMIN_EMAIL', async () => {
  const { accounts } = makeAccounts({ adminEmail: 'ada@example.com' });
  expect(await accounts.register(ada)).toMatchObject({ status: 'approved', role: 'admin' });

  const { accounts: noAdmin } = makeAccounts({ adminEmail: undefined });
  expect(await noAdmin.register({ ...ada, email: 'admin@example.com' })).toMatchObject({ status: 'pending', role: 'member' });
});

test.each([
  ['12345678', 'is too easy to guess'],
  ['my ada passphrase is long', 'must not contain your username'],
])('register() refuses the password %j: a ValidationError that says it %s', async (password, message) => {
  const { accounts, users } = makeAccounts();

  const error = await accounts.register({ ...ada, password }).catch((caught: unknown) => caught);

  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).problems).toEqual([{ field: 'password', message: expect.stringContaining(message) }]);
  expect(users.rows).toEqual([]);
});

test('register() refuses a taken username in any letter case, and a taken email, with a ConflictError', async () => {
  const { accounts } = makeAccounts();
  await accounts.register(ada);

  await expect(accounts.register({ ...ada, username: 'ADA', email: 'other@example.com' })).rejects.toThrow(new ConflictError('username is already taken'));
  await expect(accounts.register({ ...ada, username: 'other' })).rejects.toThrow(new ConflictError('email is already taken'));
});
// #endregion register-tests

// #region login-tests
test('logIn() answers the account, without its hash, for the right password', async () => {
  const { accounts } = makeAccounts();
  const registered = await accounts.register(ada);

  expect(await accounts.logIn({ email: ada.email, password: ada.password })).toEqual(registered);
});

test('logIn() refuses a wrong password, an unknown email and an account without a password alike', async () => {
  const { accounts, users } = makeAccounts();
  await accounts.register(ada);
  users.rows.push({ ...users.rows[0]!, id: 2, username: 'old', email: 'old@example.com', passwordHash: null });
  const dummyCalls = fakeHasher.dummyCalls;

  for (const credentials of [
    { email: ada.email, password: 'not the password' },
    { email: 'nobody@example.com', password: ada.password },
    { email: 'old@example.com', password: 'anything at all' },
  ]) {
    await expect(accounts.logIn(credentials)).rejects.toThrow(new AuthenticationError(BAD_CREDENTIALS));
  }
  // The unknown email and the account without a hash still cost one hash each: no timing tells them apart.
  expect(fakeHasher.dummyCalls - dummyCalls).toBe(2);
});
// #endregion login-tests

// #region first-admin-tests
test('ensureFirstAdmin() promotes the existing ADMIN_EMAIL account once and touches no other', async () => {
  const { accounts, users } = makeAccounts({ adminEmail: 'ada@example.com' });
  await accounts.register({ ...ada, email: 'grace@example.com', username: 'grace' });
  expect(await accounts.ensureFirstAdmin()).toBe('not registered');
  // Registered before ADMIN_EMAIL named it: pending, as a member.
  users.rows.push({ ...users.rows[0]!, id: 2, username: 'ada', email: 'ada@example.com' });

  expect(await accounts.ensureFirstAdmin()).toBe('promoted');
  expect(await accounts.ensureFirstAdmin()).toBe('already admin');
  expect(users.rows.map(({ username, status, role }) => ({ username, status, role }))).toEqual([
    { username: 'grace', status: 'pending', role: 'member' },
    { username: 'ada', status: 'approved', role: 'admin' },
  ]);
});

test('ensureFirstAdmin() does nothing without ADMIN_EMAIL', async () => {
  expect(await makeAccounts({ adminEmail: undefined }).accounts.ensureFirstAdmin()).toBeUndefined();
});
// #endregion first-admin-tests

test('findUser() answers a user by id, or undefined once the account is gone', async () => {
  const { accounts } = makeAccounts();
  const user = await accounts.register(ada);

  expect(await accounts.findUser(user.id)).toEqual(user);
  expect(await accounts.findUser(99)).toBeUndefined();
});
