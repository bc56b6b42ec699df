import { Router } from 'express';
import type { Store } from 'express-session';
import type { Config } from '../config.ts';

export interface SessionRouterDeps {
  config: Pick<Config, 'maxVisitorSessions'>;
  /** The session store, asked how many sessions it holds. */
  store: Store;
}

// #region session-router
/**
 * `GET /api/v1/session`: counts this session's visits. The counter lives in
 * req.session, which express-session loads from the store before the handler
 * runs and saves back after it, because the handler changed it.
 *
 * Every new visitor's first count creates a row in the store, and a visitor
 * needs no account: a script that sends requests without a cookie would add
 * a row each time. So a new visitor is remembered only while the store holds
 * fewer than MAX_VISITOR_SESSIONS sessions; past that, the visit is counted
 * and answered, but nothing is stored and no cookie is sent.
 */
export function createSessionRouter({ config, store }: SessionRouterDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const isNew = req.session.visits === undefined;
    if (isNew && (await countSessions(store)) >= config.maxVisitorSessions) {
      // req.session stays empty, so express-session saves nothing.
      res.json({ visits: 1, firstVisitAt: new Date().toISOString(), remembered: false });
      return;
    }
    req.session.visits = (req.session.visits ?? 0) + 1;
    req.session.firstVisitAt ??= new Date().toISOString();
    res.json({ visits: req.session.visits, firstVisitAt: req.session.firstVisitAt, remembered: true });
  });

  return router;
}
// #endregion session-router

/** How many live sessions the store holds: express-session's optional `length`, as a promise. */
function countSessions(store: Store): Promise<number> {
  return new Promise((resolve, reject) => {
    if (store.length === undefined) {
      reject(new Error('The session store cannot count its sessions (it has no length method)'));
      return;
    }
    store.length((error, length) => (error ? reject(error) : resolve(length ?? 0)));
  });
}
