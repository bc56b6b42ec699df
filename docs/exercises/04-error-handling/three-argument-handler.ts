// The mistake: an error handler with three parameters.
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

export function createApp(): Express {
  const app = express();
  app.get('/boom', () => {
    throw new Error('boom');
  });
  // #region mistake
  // Wrong: Express counts a function's parameters. With three, this is a
  // plain middleware: it is skipped when there is an error, and called, with
  // (req, res, next) under the wrong names, when there is none.
  app.use((err: Error, _req: Request, res: Response) => {
    res.status(500).json({ error: err.message });
  });
  // #endregion mistake
  return app;
}

export function createFixedApp(): Express {
  const app = express();
  app.get('/boom', () => {
    throw new Error('boom');
  });
  // #region fix
  // Right: four parameters, even when the handler does not use `next`.
  app.use((_err: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: 'Something went wrong on our side.' });
  });
  // #endregion fix
  return app;
}
