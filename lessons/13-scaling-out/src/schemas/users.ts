import { z } from 'zod';

// The schemas of the users routes. validate() (from @forum-lessons/middleware)
// runs them before a handler; each message below becomes the `message` of an
// `errors` entry, next to the field's `path`, so it is written for a client.

// #region fields
/** A JSON string field: "is required" when it is missing, "must be a string" when it is not one. */
export function text() {
  return z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') });
}

/** 3 to 30 letters, digits or underscores, without the spaces around them. */
export const username = text()
  .trim()
  .min(3, { error: 'must be 3 to 30 characters long', abort: true })
  .max(30, { error: 'must be 3 to 30 characters long', abort: true })
  .regex(/^[A-Za-z0-9_]+$/, 'may contain only letters, digits and underscores');

/**
 * Trimmed and lowercased first, then checked: `" Ada@Example.COM "` is
 * stored as `ada@example.com`. The order matters: a format check before the
 * trim would refuse the spaces.
 */
export const email = text()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters long')
  .pipe(z.email('must be an email address'));
// #endregion fields

// #region id
/**
 * A positive whole number in plain decimal digits, as it arrives in a path:
 * a string. `"42"` becomes 42; `"abc"`, `"0"`, `"-1"`, `"1.5"`, `"1e3"` and
 * `" 7"` are refused. Fifteen digits at most keeps it an exact JavaScript
 * number.
 */
export const id = z
  .string()
  .regex(/^[1-9]\d{0,14}$/, 'must be a positive whole number')
  .transform(Number);

export const userIdParams = z.object({ id });
// #endregion id

// #region list-query
/** A whole number from a query string, at least `min` and, when given, at most `max`. */
export function wholeNumber(min: number, max?: number) {
  const message = max === undefined ? `must be a whole number, at least ${min}` : `must be a whole number from ${min} to ${max}`;
  return z
    .string(message)
    .regex(/^\d{1,15}$/, message)
    .transform(Number)
    .refine((value) => value >= min && (max === undefined || value <= max), message);
}

/** `GET /users?status=&limit=&offset=`: a page of at most 100 users, 20 unless asked; every status unless asked. */
export const listUsersQuery = z.object({
  status: z.enum(['pending', 'approved'], 'must be pending or approved').optional(),
  limit: wholeNumber(1, 100).default(20),
  offset: wholeNumber(0).default(0),
});
// #endregion list-query
