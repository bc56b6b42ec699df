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

  return app;
}
// #endregion create-app

// #region handlers
// A request handler receives the request, the response and `next`. It must
// either send a response or call `next()`; these two always respond.
function health(_req: Request, res: Response): void {
  res.json({ status: 'ok' });
}

// #region ping
function ping(req: Request, res: Response): void {
  // The answer holds the current time: a cache must not hand it out again.
  // res.set() adds the header before res.json() sends the response.
  res.set('Cache-Control', 'no-store');
  res.json({ message: 'pong', time: new Date().toISOString(), method: req.method });
}
// #endregion ping
// #endregion handlers
