import { z } from 'zod';
import { passwordProblem } from '../auth/password-policy.ts';
import { email, text, username } from './users.ts';

// #region password
/**
 * Never trimmed or lowercased: every character is part of the password.
 * At least 8 characters; at most 256, which any passphrase fits in.
 */
const newPassword = text()
  .min(8, 'must be 8 to 256 characters long')
  .max(256, 'must be 8 to 256 characters long');
// #endregion password

// #region auth-schemas
/**
 * `POST /auth/register`: a new account. Keys other than these three are
 * dropped. Once each field is well-formed, the password is checked against
 * the account's username and email and for how easy it is to guess.
 */
export const registerBody = z
  .object({ username, email, password: newPassword }, 'must be a JSON object')
  .superRefine((body, ctx) => {
    // A password of the wrong length already has its message.
    if (body.password.length < 8 || body.password.length > 256) return;
    const problem = passwordProblem(body.password, body);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

/**
 * `POST /auth/login`. The password is only required here, not held to the
 * rules for new passwords: a rule added later must not lock anyone out, and
 * a wrong guess should meet "incorrect", not a lesson in the rules.
 */
export const loginBody = z.object(
  {
    email,
    password: text().min(1, 'is required')
      .max(256, 'must be at most 256 characters long'),
  },
  'must be a JSON object',
);

export type RegisterBody = z.output<typeof registerBody>;
// #endregion auth-schemas
