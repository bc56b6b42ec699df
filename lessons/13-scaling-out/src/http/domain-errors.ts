import type { ErrorRequestHandler } from 'express';
import createError from 'http-errors';
import { AuthenticationError, ConflictError, DomainError, ForbiddenError, NotFoundError, UnavailableError, ValidationError } from '../domain/errors.ts';

// #region status-of
/** Each domain error's HTTP status: the one place that knows both. */
const statuses: ReadonlyArray<[new (...args: never[]) => DomainError, number]> = [
  [ValidationError, 400],
  [AuthenticationError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [UnavailableError, 503],
];

/** A DomainError of a class not listed is a mistake of ours: 500. */
function statusOf(error: DomainError): number {
  return statuses.find(([type]) => error instanceof type)?.[1] ?? 500;
}
// #endregion status-of

// #region domain-errors
/**
 * Turns the services' domain errors into the http-errors the error handler
 * (@forum-lessons/error-handler) already answers as problem details: the
 * message becomes the `detail`, and a ValidationError's problems become the
 * `errors` entries of a 400, as validate() makes them. Any other error goes
 * on unchanged: a 500 stays a 500. api.ts mounts this just before the
 * error handler.
 */
export function domainErrors(): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    if (!(error instanceof DomainError)) {
      next(error);
      return;
    }
    const status = statusOf(error);
    if (error instanceof ValidationError) {
      const errors = error.problems.map(({ field, message }) => ({ path: field, message, location: 'body' }));
      next(createError(status, 'Request validation failed', { errors }));
      return;
    }
    // #region unavailable
    // A 503 tells the client to try again, and when: the error handler
    // copies Retry-After from the error's headers, and answers a 503 with
    // its own words. The message and the cause (which server, which error)
    // go to the log, not to the client.
    if (error instanceof UnavailableError) {
      next(createError(503, error.message, { headers: { 'Retry-After': '5' }, cause: error.cause }));
      return;
    }
    // #endregion unavailable
    // A 500 keeps the error itself, so the log shows what happened.
    next(status >= 500 ? error : createError(status, error.message));
  };
}
// #endregion domain-errors
