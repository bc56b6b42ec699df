import type { RequestHandler } from 'express';
import type { Notice } from '../notice.ts';

// #region load-notice
/**
 * Loads the forum notice before the route handler runs and leaves it on
 * `res.locals`, the object Express sets aside for data that belongs to one
 * request.
 */
export function loadNotice(readNotice: () => Promise<Notice>): RequestHandler {
  return async (_req, res, next) => {
    // No try/catch: when readNotice() rejects, this function's promise
    // rejects, and Express 5 passes the error to next() by itself.
    res.locals.notice = await readNotice();
    next();
  };
}
// #endregion load-notice
