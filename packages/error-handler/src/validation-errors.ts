import { isHttpError } from 'http-errors';
import type { FieldError, FieldLocation } from './problem.ts';
import type { KnownError } from './known-errors.ts';
import { statusOf } from './status.ts';

const locations: readonly FieldLocation[] = ['body', 'query', 'params'];

// #region validation-errors
/**
 * Two shapes of invalid input become a 400 with one `errors` entry per field:
 * an error with an `errors` array of `{ path, message, location }` (what
 * validate() in @forum-lessons/middleware passes to `next`), and a ZodError a
 * handler threw from `schema.parse(req.body)`, whose fields are taken to be in
 * the body.
 */
export function fromValidationError(err: Record<string, unknown>): KnownError | undefined {
  if (Array.isArray(err.errors) && err.errors.length > 0 && err.errors.every(isFieldError)) {
    const status = err.status === undefined && err.statusCode === undefined ? 400 : statusOf(err);
    if (status >= 500) return undefined;
    const detail = isHttpError(err) && err.expose && err.message ? err.message : 'Request validation failed';
    const errors = err.errors.map(({ path, message, location }: FieldError) => ({ path, message, location }));
    return { status, detail, errors };
  }
  if (err.name === 'ZodError' && Array.isArray(err.issues)) {
    const errors = err.issues.map((issue: unknown) => fieldErrorFromIssue(issue, 'body'));
    return { status: 400, detail: 'Request validation failed', errors };
  }
  return undefined;
}
// #endregion validation-errors

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.path === 'string' &&
    typeof entry.message === 'string' &&
    locations.includes(entry.location as FieldLocation)
  );
}

// #region field-error-from-issue
/**
 * Turns one issue of a ZodError (or of anything shaped like it) into an
 * `errors` entry: the path keys joined with dots, the message kept, the
 * location added. A missing path means the whole input (`''`); a missing
 * message becomes `Invalid value`.
 *
 * @example
 * fieldErrorFromIssue({ path: ['tags', 0], message: 'Expected a string' }, 'body');
 * // { path: 'tags.0', message: 'Expected a string', location: 'body' }
 */
export function fieldErrorFromIssue(issue: unknown, location: FieldLocation): FieldError {
  const { path, message } = (issue ?? {}) as { path?: unknown; message?: unknown };
  return {
    path: Array.isArray(path) ? path.map((key) => (typeof key === 'symbol' ? (key.description ?? '') : String(key))).join('.') : '',
    message: typeof message === 'string' ? message : 'Invalid value',
    location,
  };
}
// #endregion field-error-from-issue
