// #region expiry
/**
 * When a session expires, in integer milliseconds since the epoch.
 *
 * The order matters. `cookie.expires` comes first: it is a Date on a live
 * session and an ISO string once the session has been through JSON. Then a
 * numeric `maxAge` (a getter on express-session's Cookie, so it is never in
 * stored JSON) or `originalMaxAge`. A cookie with `expires: null` is a
 * browser-session cookie and, like a session with no cookie at all, gets the
 * store's `ttl`.
 *
 * @example
 * expiresAt({ cookie: { expires: '2030-01-01T00:00:00.000Z' } }, Date.now(), 86_400_000);
 * // => 1893456000000
 */
export function expiresAt(session: object, now: number, ttl: number): number {
  const cookie = (session as { cookie?: unknown }).cookie;
  if (cookie !== null && typeof cookie === 'object') {
    const { expires, maxAge, originalMaxAge } = cookie as {
      expires?: unknown;
      maxAge?: unknown;
      originalMaxAge?: unknown;
    };
    if (expires instanceof Date) {
      const time = expires.getTime();
      if (Number.isFinite(time)) return time;
    } else if (typeof expires === 'string') {
      const time = Date.parse(expires);
      if (Number.isFinite(time)) return time;
    }
    if (typeof maxAge === 'number' && Number.isFinite(maxAge)) return Math.floor(now + maxAge);
    if (typeof originalMaxAge === 'number' && Number.isFinite(originalMaxAge)) return Math.floor(now + originalMaxAge);
  }
  return now + ttl;
}
// #endregion expiry
