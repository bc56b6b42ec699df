// Solution to lesson 02, exercise 2: a middleware for one path prefix.
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

// #region middleware
// Answers from the API change from one request to the next: tell browsers and
// proxies not to keep them. It sets a header and passes the request on.
function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.set('Cache-Control', 'no-store');
  next();
}
// #endregion middleware

export function createApp(): Express {
  const app = express();
  app.disable('x-powered-by');

  // #region mount
  // Runs for /api and everything below it: /api/v1/ping, /api/v1/notice, ...
  app.use('/api', noStore);
  // #endregion mount

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/api/v1/ping', (_req, res) => {
    res.json({ message: 'pong' });
  });
  return app;
}
