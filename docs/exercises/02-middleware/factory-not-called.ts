// The mistake: mounting the factory instead of the middleware it returns.
import express, { type Express } from 'express';
import { requestLogger } from '../../../lessons/02-middleware/src/middleware/request-logger.ts';

export function createApp(lines: string[]): Express {
  const app = express();
  // #region mistake
  // Wrong: Express calls requestLogger(req, res, next) for every request. The
  // factory takes `req` for its options, builds a middleware, returns it, and
  // never calls next(). Every request hangs.
  app.use(requestLogger as never);
  // Right: call the factory once, here, and mount what it returns.
  // app.use(requestLogger({ log: (line) => lines.push(line) }));
  // #endregion mistake
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', logged: lines.length });
  });
  return app;
}
