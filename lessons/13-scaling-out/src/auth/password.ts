import { randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';

// #region parameters
/**
 * scrypt's cost: N (CPU and memory, a power of two), r (block size) and p
 * (parallel lanes). One hash needs 128 * N * r bytes: 32 MiB here, and about
 * 70 ms on a small server. Raise N as machines get faster; hashes already
 * stored keep the parameters they were made with.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 64;
// #endregion parameters

// #region scrypt-async
// crypto.scrypt takes a callback and runs on libuv's thread pool, so the
// event loop keeps serving other requests while a hash is computed.
// (crypto.scryptSync would block every request for those 70 ms.)
const scryptAsync = promisify(scrypt) as (
  password: BinaryLike,
  salt: BinaryLike,
  keylen: number,
  options: ScryptOptions,
) => Promise<Buffer>;

function deriveKey(password: string, salt: Buffer, keyBytes: number, { N, r, p }: ScryptParams): Promise<Buffer> {
  // The same password typed on two keyboards can arrive as different
  // Unicode sequences ("é" as one code point or as "e" plus an accent).
  // NFKC turns both into one form before hashing.
  return scryptAsync(password.normalize('NFKC'), salt, keyBytes, {
    N,
    r,
    p,
    // Node refuses above 32 MiB by default; allow twice what the parameters need.
    maxmem: 256 * N * r,
  });
}
// #endregion scrypt-async

// #region hash-password
/**
 * Hashes a password with a new random salt. The result names its algorithm
 * and parameters, so it can be checked after the defaults change:
 * `scrypt$32768$8$1$<salt, base64>$<key, base64>`.
 */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  // A new salt for every hash: two users with the same password get
  // different hashes, and a table of precomputed hashes is useless.
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, KEY_BYTES, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}
// #endregion hash-password

// #region verify-password
/**
 * Checks a password against a stored hash, with the parameters and salt the
 * hash names. Throws when `stored` is not a hash this module wrote: that is
 * a problem with the data, not a wrong password.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { params, salt, key } = parseHash(stored);
  const candidate = await deriveKey(password, salt, key.length, params);
  // Compares every byte, however early they differ, so the time taken
  // tells an attacker nothing about how close a guess came.
  return timingSafeEqual(candidate, key);
}
// #endregion verify-password

// #region verify-dummy
/**
 * For a login whose email matches no account: the same scrypt work as
 * verifyPassword() does for a hash with the current parameters, and a
 * comparison with a random key, so the answer takes as long. Always false.
 */
export async function verifyDummy(password: string): Promise<false> {
  const candidate = await deriveKey(password, randomBytes(SALT_BYTES), KEY_BYTES, SCRYPT_PARAMS);
  timingSafeEqual(candidate, randomBytes(KEY_BYTES));
  return false;
}
// #endregion verify-dummy

// #region parse-hash
const hashFormat = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } {
  const match = hashFormat.exec(stored);
  if (match === null) throw new Error('Not a password hash of the form scrypt$N$r$p$salt$key');
  const [, N, r, p, salt, key] = match as unknown as [string, string, string, string, string, string];
  return {
    params: { N: Number(N), r: Number(r), p: Number(p) },
    salt: Buffer.from(salt, 'base64'),
    key: Buffer.from(key, 'base64'),
  };
}

/** True when `stored` was made with other parameters than `params`: hash the password again at the next login. */
export function needsRehash(stored: string, params: ScryptParams = SCRYPT_PARAMS): boolean {
  const current = parseHash(stored).params;
  return current.N !== params.N || current.r !== params.r || current.p !== params.p;
}
// #endregion parse-hash
