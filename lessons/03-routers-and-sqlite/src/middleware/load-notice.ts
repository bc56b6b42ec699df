import type { RequestHandler } from 'express';
import type { Notice } from '../notice.ts';

// #region load-notice
/**
 * Loads the forum notice before the route handler runs and leaves it on
 * `res.locals`, the object Express sets aside for data that belongs to one
 * request. An async middleware like this one ends in one of two ways:
 * `next()` when the data is there, or `next(error)` when loading failed.
 */
export function loadNotice(readNotice: () => Promise<Notice>): RequestHandler {
  return async (_req, res, next) => {
    try {
      res.locals.notice = await readNotice();
    } catch (error) {
      // Express skips every remaining handler and goes to error handling.
      next(error);
      return;
    }
    // Outside the try: an error thrown further down the chain must not be
    // caught here and passed to next() a second time.
    next();
  };
}
// #endregion load-notice
