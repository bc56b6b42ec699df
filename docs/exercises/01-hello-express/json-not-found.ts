// Solution to lesson 01, exercise 2: answer unknown paths with JSON.
import express, { type Express, type Request, type Response } from 'express';

export function createApp(): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // #region not-found
  // Registered last: Express only reaches it when no route above answered.
  app.use(notFound);
  // #endregion not-found

  return app;
}

// #region handler
// The shape is RFC 9457 problem details, the error format the course adopts
// from lesson 04 on (see the error format reference).
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
