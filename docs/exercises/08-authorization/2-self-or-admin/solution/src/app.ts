// #region imports
import { errorHandler, notFound, type ErrorLogEntry } from '@forum-lessons/error-handler';
import { requestId, requestLogger } from '@forum-lessons/middleware';
// #endregion imports
import type { Database } from 'better-sqlite3';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Store } from 'express-session';
import type { Config } from './config.ts';
import { loadNotice } from './middleware/load-notice.ts';
import { createGuards } from './middleware/guards.ts';
import type { Notice } from './notice.ts';
import { createAuthRouter } from './routes/auth.ts';
import { createSessionRouter } from './routes/session.ts';
import { createUsersRouter } from './routes/users.ts';
import { sessionLifetime, sessionMiddleware } from './session.ts';

// #region deps
/** Where the app writes. Each one defaults to the console. */
export interface AppLog {
  /** One line per finished request, from requestLogger(). */
  request?: (line: string) => void;
  /** Every 5xx the error handler answers, with the error itself. */
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
 */
export function createApp({ config, db, log = {}, now = Date.now, readNotice, sessionStore }: AppDeps): Express {
  const app = express();

  // Express announces itself in an `X-Powered-By` header unless told not to.
  // Nothing a client needs, and it tells an attacker what to probe for.
  app.disable('x-powered-by');
  // Express reads NODE_ENV itself when the app is created; setting it from the
  // config keeps one source of truth.
  app.set('env', config.nodeEnv);

  // Every request gets an id first (req.id and the X-Request-Id header), so
  // the log line and any error answer can quote it.
  app.use(requestId());
  // Middleware runs in the order it is registered. The logger comes early, so
  // it sees every request: the ones a route answers and the ones none does.
  app.use(requestLogger({ log: log.request, enabled: config.logRequests }));
  // Parses JSON request bodies into req.body. Malformed JSON and bodies over
  // the limit become errors (400, 413) that the error handler answers.
  app.use(express.json({ limit: '10kb' }));
  // Loads req.session from the store for a request that carries a valid
  // session cookie, and gives the others an empty one that is saved only if
  // a route puts something in it.
  app.use(sessionMiddleware({ config, store: sessionStore }));
  // A login ends SESSION_ABSOLUTE_MS after it began, however active.
  app.use(sessionLifetime({ config, now }));

  // #region guard-chains
  // Who may do what: every guard calls next() or ends the request with a 401
  // (not logged in) or a 403 (logged in, not allowed).
  const guard = createGuards({ db });
  // #endregion guard-chains

  app.get('/health', health);
  app.get('/api/v1/ping', ping);
  // A route can have its own middleware: loadNotice runs first, then showNotice.
  app.get('/api/v1/notice', loadNotice(readNotice), showNotice);
  // Register, log in, log out, and who am I.
  // Answers about accounts are for one person: noStore() tells the browser
  // and any proxy on the way not to keep a copy.
  app.use('/api/v1/auth', noStore, createAuthRouter({ config, db, loggedIn: guard.loggedIn, now }));
  // #region admin-mount
  // The admin chain runs before every users route: logged in (else 401),
  // approved (else 403), admin (else 403). The router never sees anyone else.
  // #region mount
  // Each users route has its own guard now (see routes/users.ts).
  app.use('/api/v1/users', noStore, createUsersRouter({ db, guard }));
  // #endregion mount
  // #endregion admin-mount
  // Counts visits in the session, to show what a session remembers.
  app.use('/api/v1/session', createSessionRouter({ config, store: sessionStore }));

  // The end of the chain. A request that reaches notFound() matched no route:
  // it becomes a 404 error. errorHandler() answers every error, that 404
  // included, as problem details. It must come last, and it must keep its
  // four parameters: that is how Express tells an error handler apart.
  app.use(notFound());
  app.use(errorHandler({ log: log.error }));

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

// #region no-store
// `Cache-Control: no-store`: neither the browser (its back button, its disk
// cache) nor a shared proxy may keep this answer.
function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.set('Cache-Control', 'no-store');
  next();
}
// #endregion no-store

// loadNotice has already put the notice on res.locals.
function showNotice(_req: Request, res: Response): void {
  res.json(res.locals.notice as Notice);
}
// #endregion handlers
