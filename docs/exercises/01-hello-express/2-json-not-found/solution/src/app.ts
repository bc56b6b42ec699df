import express, { type Express, type Request, type Response } from 'express';

// #region create-app
/**
 * Builds the application without starting it. Tests call this function and
 * hand the app to supertest; src/server.ts calls it and listens on a port.
 */
export function createApp(): Express {
  const app = express();

  // Express announces itself in an `X-Powered-By` header unless told not to.
  // Nothing a client needs, and it tells an attacker what to probe for.
  app.disable('x-powered-by');

  app.get('/health', health);
  app.get('/api/v1/ping', ping);

  // #region not-found
  // Registered after every route, so it runs only when none of them answered.
  app.use(notFound);
  // #endregion not-found

  return app;
}
// #endregion create-app

// #region handlers
// A request handler receives the request, the response and `next`. It must
// either send a response or call `next()`; these two always respond.
function health(_req: Request, res: Response): void {
  res.json({ status: 'ok' });
}

function ping(req: Request, res: Response): void {
  res.json({ message: 'pong', time: new Date().toISOString(), method: req.method });
}

// #region handler
// Problem details (RFC 9457): the same shape for every error, with its own
// media type so that a client can tell an error from data.
function notFound(req: Request, res: Response): void {
  res
    .status(404)
    .type('application/problem+json')
    .json({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: `Nothing answers ${req.method} ${req.path}.`,
      instance: req.path,
    });
}
// #endregion handler
// #endregion handlers
