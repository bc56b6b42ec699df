// Solution to lesson 04, exercise 3: a 503 with Retry-After when the notice cannot be read.
import createError from 'http-errors';
import type { Notice } from '../../../lessons/04-error-handling/src/notice.ts';

// #region unavailable
/**
 * Wraps a notice reader: a failed read becomes a 503 that tells the client
 * to try again in `retryAfterSeconds`. The original error travels along as
 * `cause`, so the error log still shows what went wrong.
 */
export function unavailableWhenFailing(readNotice: () => Promise<Notice>, retryAfterSeconds: number): () => Promise<Notice> {
  return async () => {
    try {
      return await readNotice();
    } catch (cause) {
      throw createError(503, 'The notice cannot be read right now', {
        headers: { 'Retry-After': String(retryAfterSeconds) },
        cause,
      });
    }
  };
}
// #endregion unavailable
