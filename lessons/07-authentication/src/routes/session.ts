import { Router } from 'express';

// #region session-router
/**
 * `GET /api/v1/session`: counts this session's visits. The counter lives in
 * req.session, which express-session loads from the store before the handler
 * runs and saves back after it, because the handler changed it.
 */
export function createSessionRouter(): Router {
  const router = Router();

  router.get('/', (req, res) => {
    req.session.visits = (req.session.visits ?? 0) + 1;
    req.session.firstVisitAt ??= new Date().toISOString();
    res.json({ visits: req.session.visits, firstVisitAt: req.session.firstVisitAt });
  });

  return router;
}
// #endregion session-router
