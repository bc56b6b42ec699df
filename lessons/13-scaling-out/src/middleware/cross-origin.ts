import type { RequestHandler } from 'express';
import createError from 'http-errors';

// #region cross-origin
/** Methods that only read: a forged one can change nothing. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A defence against cross-site request forgery (CSRF): another site's page
 * making the browser send a write to the API with the user's session cookie.
 * SameSite=Lax on the cookie stops the classic forged form; this stops what
 * Lax lets through (a sibling subdomain, an old browser), from what the
 * browser itself says about the request:
 *
 * 1. Reading methods pass: they change nothing.
 * 2. An `Origin` in `trustedOrigins` (CORS_ORIGINS) passes: that site may.
 * 3. `Sec-Fetch-Site` (every current browser sends it): `same-origin` or
 *    `none` (the user typed it) passes; `same-site` and `cross-site` do not.
 * 4. No `Sec-Fetch-Site` (an older browser): an `Origin` must name this
 *    host, as the `Host` header does.
 * 5. Neither header: not a browser (curl, a server), which sends no cookie
 *    it did not choose to send: it passes.
 *
 * A page script cannot set either header, and no token has to travel
 * through the page. The same rules as Go's http.CrossOriginProtection.
 */
export function crossOriginProtection({ trustedOrigins }: { trustedOrigins: readonly string[] }): RequestHandler {
  const trusted = new Set(trustedOrigins);
  const anyOrigin = trusted.has('*');

  return function checkCrossOrigin(req, _res, next) {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get('Origin');
    if (origin !== undefined && (anyOrigin || trusted.has(origin))) return next();

    const site = req.get('Sec-Fetch-Site');
    if (site !== undefined) {
      return site === 'same-origin' || site === 'none' ? next() : next(refused());
    }
    if (origin === undefined) return next();
    return hostOf(origin) === req.get('Host') ? next() : next(refused());
  };
}

function refused() {
  return createError(403, 'Cross-site request refused: this write did not come from the forum\'s own page or an allowed origin');
}

/** `https://forum.example:8443` → `forum.example:8443`; `null` or garbage → undefined. */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
// #endregion cross-origin
