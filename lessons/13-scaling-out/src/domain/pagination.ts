// #region envelope
/**
 * One page of a list, as every paged route of this API answers it:
 *
 * - `data`: the items of this page, in the list's order;
 * - `page`, `limit`: the page asked for and its size, as the server read them
 *   (defaults filled in), so a client can build the next link from them;
 * - `total`: how many items the whole list has, and `pages`: how many pages
 *   of `limit` that makes (at least 1, so "page 1 of 1" holds for an empty
 *   list).
 *
 * A page past the last one is empty, not an error: the list may have shrunk
 * since the client counted it, and `pages` tells it where the end is now.
 */
export interface Page<T> {
  data: T[];
  page: number;
  limit: number;
  total: number;
  pages: number;
}

/** The LIMIT and OFFSET that read page `page` of `limit` items. */
export function pageWindow({ page, limit }: { page: number; limit: number }): { limit: number; offset: number } {
  return { limit, offset: (page - 1) * limit };
}

export function pageOf<T>(data: T[], { page, limit }: { page: number; limit: number }, total: number): Page<T> {
  return { data, page, limit, total, pages: Math.max(1, Math.ceil(total / limit)) };
}
// #endregion envelope
