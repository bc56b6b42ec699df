import type { Notice } from './notice.ts';

// #region cached
/**
 * Wraps a notice reader so that the file is read at most once per `ttlMs`.
 * loadNotice() does not change: it still calls a function that returns a
 * promise. A failed read is not kept, so the next request tries again.
 * Tests pass a fake clock as `now` instead of waiting a minute.
 */
export function cachedNotice(
  readNotice: () => Promise<Notice>,
  ttlMs: number,
  now: () => number = () => Date.now(),
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
