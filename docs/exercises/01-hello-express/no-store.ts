// Solution to lesson 01, exercise 3: a response header, and the test for it.
import express, { type Express, type Request, type Response } from 'express';

export function createApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/api/v1/ping', ping);
  return app;
}

// #region handler
function ping(req: Request, res: Response): void {
  // The answer holds the current time, so no cache may reuse it.
  res.set('Cache-Control', 'no-store');
  res.json({ message: 'pong', time: new Date().toISOString(), method: req.method });
}
// #endregion handler
