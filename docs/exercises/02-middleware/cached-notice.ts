// Solution to lesson 02, exercise 3: read the notice at most once a minute.
import type { Notice } from '../../../lessons/02-middleware/src/notice.ts';

// #region cached
/**
 * Wraps a notice reader so that the file is read at most once per `ttlMs`.
 * loadNotice() does not change: it still calls a function that returns a
 * promise. A failed read is not kept, so the next request tries again.
 */
export function cachedNotice(
  readNotice: () => Promise<Notice>,
  ttlMs: number,
  now: () => number = Date.now,
): () => Promise<Notice> {
  let cached: { notice: Promise<Notice>; until: number } | undefined;
  return () => {
    if (cached === undefined || now() >= cached.until) {
      const notice = readNotice();
      cached = { notice, until: now() + ttlMs };
      notice.catch(() => {
        if (cached?.notice === notice) cached = undefined;
      });
    }
    return cached.notice;
  };
}
// #endregion cached
