import { isHttpError } from 'http-errors';
import { fromBodyParserError } from './body-parser-errors.ts';
import { fromSqliteError } from './sqlite-errors.ts';
import { fromValidationError } from './validation-errors.ts';
import type { FieldError } from './problem.ts';
import { statusOf } from './status.ts';

/** What the error handler will answer for an error. */
export interface KnownError {
  status: number;
  detail: string;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
}

export const GENERIC_5XX_DETAIL = 'Something went wrong on our side.';
const UNAVAILABLE_DETAIL = 'The service is unavailable right now. Try again later.';

// #region describe-error
/**
 * Decides the status and the client-facing detail for anything passed to
 * `next(err)` or thrown: known errors first, then http-errors, then 500.
 */
export function describeError(err: unknown): KnownError {
  const fields = typeof err === 'object' && err !== null ? (err as Record<string, unknown>) : {};
  const known = fromBodyParserError(fields) ?? fromValidationError(fields) ?? fromSqliteError(fields);
  if (known) return known;
  // Express's router could not decode a path parameter (`/users/%E0%A4`): it
  // passes the URIError with status 400. Its message quotes the raw path.
  if (err instanceof URIError && statusOf(fields) === 400) {
    return { status: 400, detail: 'Malformed percent-encoding in the request path' };
  }

  const status = statusOf(fields);
  if (status >= 500) return { status, detail: status === 503 ? UNAVAILABLE_DETAIL : GENERIC_5XX_DETAIL };
  // http-errors decides with `expose` whether its message is meant for the
  // client (true below 500). Any other error's message stays on the server.
  const exposed = isHttpError(err) && err.expose && err.message !== '';
  return { status, detail: exposed ? err.message : genericClientDetail(status) };
}
// #endregion describe-error

function genericClientDetail(status: number): string {
  return status === 404 ? 'The requested resource was not found' : 'The request could not be processed';
}
