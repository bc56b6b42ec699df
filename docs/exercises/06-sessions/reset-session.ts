// Solution to lesson 06, exercise 1: DELETE /api/v1/session starts over.
import type { Router } from 'express';
import type { Store } from 'express-session';
import type { Config } from '../../../lessons/06-sessions/src/config.ts';
import { createSessionRouter } from '../../../lessons/06-sessions/src/routes/session.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '../../../lessons/06-sessions/src/session.ts';

// #region reset
export function createSessionRouterWithReset({
  config,
  store,
}: {
  config: Pick<Config, 'nodeEnv' | 'maxVisitorSessions'>;
  store: Store;
}): Router {
  // The lesson's counter, GET /: it needs the store to count sessions.
  const router = createSessionRouter({ config, store });

  router.delete('/', (req, res, next) => {
    // Deletes the session from the store. The cookie the client holds now
    // names a session that does not exist: it would start a new one.
    req.session.destroy((error) => {
      if (error) return next(error);
      // Tell the browser to drop the cookie too. It matches a cookie by name,
      // path and domain, so clear it with the options it was set with.
      res.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
      res.status(204).end();
    });
  });
  return router;
}
// #endregion reset
