// #region imports
import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import { requestId, requestLogger } from '@forum-lessons/middleware';
// #endregion imports
import type { Database } from 'better-sqlite3';
import express, { type Express, type Request, type Response } from 'express';
import type { Store } from 'express-session';
import { createApi } from './api.ts';
import type { Config } from './config.ts';
import type { Notice } from './notice.ts';
import { createWeb } from './web.ts';

// #region deps
/** Where the app writes. Each one defaults to the console. */
export interface AppLog {
  /** One line per finished request, from requestLogger(). */
  request?: (line: string) => void;
  /** Every 5xx an error handler answers, with the error itself: the API's and the page's. */
  error?: (entry: ErrorLogEntry) => void;
}

export interface AppDeps {
  config: Pick<
    Config,
    'nodeEnv' | 'logRequests' | 'sessionSecret' | 'sessionMaxAgeMs' | 'maxVisitorSessions' | 'sessionAbsoluteMs' | 'adminEmail'
  >;
  /** The open database. server.ts opens the file; tests open `:memory:`. */
  db: Database;
  /** Where sessions live between requests. server.ts passes a SQLiteStore on `db`. */
  sessionStore: Store;
  /** Tests pass their own, to read what was logged and keep the console quiet. */
  log?: AppLog;
  /** Reads the forum notice. server.ts reads notice.json; tests pass a function. */
  readNotice: () => Promise<Notice>;
  /** The clock for login times, in milliseconds since 1970. Date.now unless a test passes its own. */
  now?: () => number;
}
// #endregion deps

// #region create-app
/**
 * Builds the application without starting it. Tests call this function and
 * hand the app to supertest; src/server.ts calls it and listens on a port.
 *
 * The root app does what every request needs, whoever answers it: an id and
 * a log line. Then it hands the request to one of two sub-apps, each an
 * Express app of its own with its own middleware, 404 and error handler:
 * the JSON API under /api/v1, and the web page everywhere else.
 */
export function createApp({ config, db, log = {}, now = Date.now, readNotice, sessionStore }: AppDeps): Express {
  const app = express();

  // Express announces itself in an `X-Powered-By` header unless told not to.
  app.disable('x-powered-by');
  // Express reads NODE_ENV itself when the app is created; setting it from the
  // config keeps one source of truth.
  app.set('env', config.nodeEnv);

  // Every request gets an id first (req.id and the X-Request-Id header), and
  // one log line when it ends: the API's requests and the page's alike.
  app.use(requestId());
  app.use(requestLogger({ log: log.request, enabled: config.logRequests }));

  // Is the process alive? Not part of the API or of the page: it stays here.
  app.get('/health', health);

  // #region mount
  // An Express app is a request handler, so app.use() can mount one like any
  // middleware. Inside, req.baseUrl is '/api/v1' and req.path the rest;
  // api.mountpath is '/api/v1'. A request that the API does not answer ends
  // in the API's own 404: it never falls through to the page.
  app.use('/api/v1', createApi({ config, db, sessionStore, readNotice, logError: log.error, now }));
  // #region v2
  // The same API once more, as an app of its own: its mountpath is
  // '/api/v2', so req.app.path() and req.baseUrl say /api/v2 in there.
  // One app mounted at both paths would have ['/api/v1', '/api/v2'] as its
  // mountpath, and app.path() would answer '/api/v1,/api/v2'.
  app.use('/api/v2', createApi({ config, db, sessionStore, readNotice, logError: log.error, now }));
  // #endregion v2
  // Everything else is the web page: its files, and an HTML 404 and error page.
  app.use(createWeb({ config, logError: log.error }));
  // #endregion mount

  return app;
}
// #endregion create-app

// #region handlers
// Always answers 200 while the process can answer at all.
function health(_req: Request, res: Response): void {
  res.json({ status: 'ok' });
}
// #endregion handlers
