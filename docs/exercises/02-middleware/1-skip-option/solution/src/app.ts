import express, { type Express, type Request, type Response } from 'express';
import type { Config } from './config.ts';
import { loadNotice } from './middleware/load-notice.ts';
import { requestLogger, skipHealthyChecks } from './middleware/request-logger.ts';
import type { Notice } from './notice.ts';

// #region deps
export interface AppDeps {
  config: Pick<Config, 'nodeEnv' | 'logRequests'>;
  /** Where request log lines go. Default: `console.log`. Tests pass their own. */
  log?: (line: string) => void;
  /** Reads the forum notice. server.ts reads notice.json; tests pass a function. */
  readNotice: () => Promise<Notice>;
}
// #endregion deps

// #region create-app
/**
 * Builds the application without starting it. Tests call this function and
 * hand the app to supertest; src/server.ts calls it and listens on a port.
 */
export function createApp({ config, log, readNotice }: AppDeps): Express {
  const app = express();

  // Express announces itself in an `X-Powered-By` header unless told not to.
  // Nothing a client needs, and it tells an attacker what to probe for.
  app.disable('x-powered-by');
  // Express reads NODE_ENV itself when the app is created; setting it from the
  // config keeps one source of truth. In production its default error page
  // hides the stack trace.
  app.set('env', config.nodeEnv);

  // Middleware runs in the order it is registered. The logger comes first, so
  // it sees every request: the ones a route answers and the ones none does.
  // #region use-skip
  app.use(requestLogger({ log, enabled: config.logRequests, skip: skipHealthyChecks }));
  // #endregion use-skip

  app.get('/health', health);
  app.get('/api/v1/ping', ping);
  // A route can have its own middleware: loadNotice runs first, then showNotice.
  app.get('/api/v1/notice', loadNotice(readNotice), showNotice);

  return app;
}
// #endregion create-app

// #region handlers
// A request handler receives the request, the response and `next`. It must
// either send a response or call `next()`; these three always respond.
function health(_req: Request, res: Response): void {
  res.json({ status: 'ok' });
}

function ping(req: Request, res: Response): void {
  res.json({ message: 'pong', time: new Date().toISOString(), method: req.method });
}

// loadNotice has already put the notice on res.locals.
function showNotice(_req: Request, res: Response): void {
  res.json(res.locals.notice as Notice);
}
// #endregion handlers
