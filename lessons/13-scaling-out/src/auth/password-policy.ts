import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

// #region password-policy
// Length alone does not make a password hard to guess: `12345678`,
// `password` and eight spaces are all long enough. zxcvbn-ts estimates how
// many guesses an attacker who knows common passwords, keyboard walks,
// repeats, dates and l33t spellings would need. Its score runs from 0 to 4;
// 3 means "about 10^8 guesses or more": safe against an online attacker
// and slow against one who stole the hashes (scrypt makes each guess cost).

/** The lowest zxcvbn score a new password may have. */
export const MIN_PASSWORD_SCORE = 3;

// Loading the dictionaries takes a moment, so it happens once, at the first
// check, and never for a server that only serves logins.
let estimator: ZxcvbnFactory | undefined;

// The estimate runs on the event loop and its cost grows faster than the
// length: a patterned 256-character password took most of a second, which
// anyone could send to /register again and again. Only the first 64
// characters are scored (a few milliseconds); a password whose first 64
// characters are hard to guess is hard to guess.
const SCORED_LENGTH = 64;

/**
 * Why `password` may not be a new password for this account, or `undefined`
 * when it may. The account's own username and email count as known words:
 * a password that contains either is refused outright.
 */
export function passwordProblem(password: string, account: { username: string; email: string }): string | undefined {
  const lower = password.toLowerCase();
  const username = account.username.toLowerCase();
  const [localPart = ''] = account.email.toLowerCase().split('@');
  if (username.length > 0 && lower.includes(username)) return 'must not contain your username';
  if (lower.includes(account.email.toLowerCase()) || (localPart.length >= 3 && lower.includes(localPart))) {
    return 'must not contain your email address';
  }
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: SCORED_LENGTH });
  const { score } = estimator.check(password, [account.username, account.email]);
  if (score < MIN_PASSWORD_SCORE) {
    return 'is too easy to guess: it is a common password or follows a common pattern. A few unrelated words make a strong one';
  }
  return undefined;
}
// #endregion password-policy
