// Solution to lesson 01, exercise 1: a route with a parameter.
import express, { type Express, type Request, type Response } from 'express';

export function createApp(): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // #region route
  app.get('/api/v1/hello/:name', hello);
  // #endregion route

  return app;
}

// #region handler
// `:name` in the path becomes `req.params.name`. Express decodes it, so
// /api/v1/hello/Ada%20Lovelace arrives as "Ada Lovelace".
function hello(req: Request<{ name: string }>, res: Response): void {
  res.json({ message: `Hello, ${req.params.name}!` });
}
// #endregion handler
