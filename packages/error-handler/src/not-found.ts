import createError from 'http-errors';
import type { RequestHandler } from 'express';
import { describeValue, looksLikeRequest } from './options.ts';

// #region not-found
/**
 * Mount after every route: a request no route answered becomes a 404
 * http-error passed to `next`, so the error handler writes it like any other
 * error.
 *
 * @example
 * app.use(notFound()); // GET /nope → 404 "Cannot GET /nope"
 * app.use(errorHandler());
 */
export function notFound(): RequestHandler {
  if (arguments.length > 0 && looksLikeRequest(arguments[0])) {
    throw new TypeError('notFound() is a factory: write app.use(notFound()), not app.use(notFound)');
  }
  if (arguments.length > 0 && arguments[0] !== undefined) {
    throw new TypeError(`notFound() takes no options, got ${describeValue(arguments[0])}`);
  }
  return function handleNotFound(req, _res, next) {
    const path = req.originalUrl.split('?')[0];
    next(createError(404, `Cannot ${req.method} ${path}`));
  };
}
// #endregion not-found
