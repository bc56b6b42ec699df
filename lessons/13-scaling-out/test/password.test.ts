import { expect, test } from 'vitest';
import { SCRYPT_PARAMS, hashPassword, needsRehash, verifyDummy, verifyPassword } from '../src/auth/password.ts';
import { countScrypt } from './count-scrypt.ts';

// #region format-test
test('a hash names its algorithm and parameters, then a 16-byte salt and a 64-byte key', async () => {
  const hash = await hashPassword('correct horse battery staple');

  const [algorithm, N, r, p, salt, key] = hash.split('$');
  expect([algorithm, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
  expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
  expect(Buffer.from(key!, 'base64')).toHaveLength(64);
});
// #endregion format-test

test('the cost is at least N=2^15, r=8, p=1', () => {
  expect(SCRYPT_PARAMS.N).toBeGreaterThanOrEqual(2 ** 15);
  expect(SCRYPT_PARAMS).toMatchObject({ r: 8, p: 1 });
});

test('the right password verifies, a wrong one does not', async () => {
  const hash = await hashPassword('correct horse battery staple');

  expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
  expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  expect(await verifyPassword('', hash)).toBe(false);
});

test('the hash never contains the password', async () => {
  const hash = await hashPassword('correct horse battery staple');

  expect(hash).not.toContain('correct horse');
  expect(hash).not.toContain(Buffer.from('correct horse battery staple').toString('base64'));
});

test('the same password hashed twice gives two different hashes: each has its own salt', async () => {
  const first = await hashPassword('correct horse battery staple');
  const second = await hashPassword('correct horse battery staple');

  expect(first).not.toBe(second);
  expect(await verifyPassword('correct horse battery staple', second)).toBe(true);
});

// #region params-change-test
test('a hash made with other parameters still verifies, and is marked for rehashing', async () => {
  const old = await hashPassword('correct horse battery staple', { N: 2 ** 14, r: 8, p: 1 });

  expect(old.startsWith('scrypt$16384$8$1$')).toBe(true);
  expect(await verifyPassword('correct horse battery staple', old)).toBe(true);
  expect(needsRehash(old)).toBe(true);
  expect(needsRehash(await hashPassword('x'))).toBe(false);
});
// #endregion params-change-test

test('two Unicode spellings of the same password verify alike', async () => {
  // "é" as one code point, and as "e" followed by a combining accent.
  const hash = await hashPassword('caf\u00e9 au lait');

  expect(await verifyPassword('cafe\u0301 au lait', hash)).toBe(true);
});

test('spaces in a password count: it is never trimmed', async () => {
  const hash = await hashPassword(' correct horse battery staple ');

  expect(await verifyPassword('correct horse battery staple', hash)).toBe(false);
});

test('a stored value that is not a hash is an error, not a wrong password', async () => {
  await expect(verifyPassword('secret', 'secret')).rejects.toThrow('Not a password hash of the form scrypt$N$r$p$salt$key');
  await expect(verifyPassword('secret', 'bcrypt$2b$10$abc')).rejects.toThrow(/Not a password hash/);
});

// #region event-loop-test
test('hashing does not block the event loop: timers keep firing meanwhile', async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);

  await hashPassword('correct horse battery staple');
  clearInterval(timer);

  // crypto.scryptSync would hold the event loop for the whole hash: 0 ticks.
  expect(ticks).toBeGreaterThan(0);
});
// #endregion event-loop-test

test('the dummy check is false for any password, and costs one scrypt hash, as a real check does', async () => {
  const hash = await hashPassword('correct horse battery staple');

  expect(await countScrypt(() => verifyPassword('wrong', hash))).toBe(1);
  expect(await countScrypt(() => verifyDummy('wrong'))).toBe(1);
  expect(await verifyDummy('correct horse battery staple')).toBe(false);
});
