// Solution to lesson 04, exercise 1: custom error classes next to http-errors.
import { errorHandler } from '@forum-lessons/error-handler';
import express, { type Express } from 'express';
import createError from 'http-errors';

// #region first-try
/** A first try: an Error that carries a status. */
export class UserNotFoundError extends Error {
  readonly status = 404;
}
// #endregion first-try

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

export function createApp(): Express {
  const app = express();
  // #region routes
  app.get('/first-try', () => {
    throw new UserNotFoundError('User 7 not found');
  });
  app.get('/complete', () => {
    throw new NotFoundError('User 7 not found');
  });
  app.get('/http-errors', () => {
    throw createError(404, 'User 7 not found');
  });
  // #endregion routes
  app.use(errorHandler({ log: () => {} }));
  return app;
}
