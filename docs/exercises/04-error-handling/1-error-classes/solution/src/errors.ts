// Errors of our own, answered by the error handler like http-errors' errors.

// #region complete
/**
 * What http-errors' own errors carry, and what the error handler checks
 * before it shows a message to the client: `status` and `statusCode` (the
 * same number) and `expose`.
 */
export class NotFoundError extends Error {
  readonly status = 404;
  readonly statusCode = 404;
  /** The message is meant for the client. http-errors sets this for every 4xx. */
  readonly expose = true;
  override readonly name = 'NotFoundError';
}
// #endregion complete
