// #region imports
import { requestId } from '@forum-lessons/middleware';
// #endregion imports
import type { Database } from 'better-sqlite3';
import compression from 'compression';
import express, { type Express, type Request, type Response } from 'express';
import type { Store } from 'express-session';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { createApi } from './api.ts';
import type { Config } from './config.ts';
import { createLogger, httpLogger, logErrorTo } from './logger.ts';
import type { Notice } from './notice.ts';
import { readiness } from './ready.ts';
import { createWeb } from './web.ts';

// #region deps
export interface AppDeps {
  config: Pick<
    Config,
    | 'nodeEnv'
    | 'logRequests'
    | 'logLevel'
    | 'sessionSecret'
    | 'sessionMaxAgeMs'
    | 'maxVisitorSessions'
    | 'sessionAbsoluteMs'
    | 'adminEmail'
    | 'corsOrigins'
    | 'trustProxy'
    | 'rateLimits'
  >;
  /** The open database. server.ts opens the file; tests open `:memory:`. */
  db: Database;
  /** Where sessions live between requests: the SQLite store, or the memory store to compare against. */
  sessionStore: Store;
  /** Where log entries go: pino on standard output unless a test passes its own. */
  logger?: Logger;
  /** Reads the forum notice. server.ts reads notice.json; tests pass a function. */
  readNotice: () => Promise<Notice>;
  /** The clock for login times, in milliseconds since 1970. Date.now unless a test passes its own. */
  now?: () => number;
  /** True once server.ts has begun to shut down: /ready answers 503. */
  shuttingDown?: () => boolean;
}
// #endregion deps

// #region create-app
/**
 * Builds the application without starting it. Lesson 10's root app, API and
 * page, with what production needs in front of them.
 */
export function createApp({ config, db, logger = createLogger(config), now = Date.now, readNotice, sessionStore, shuttingDown }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('env', config.nodeEnv);

  // #region trust-proxy
  // Behind a proxy (a load balancer that ends TLS), every connection comes
  // from the proxy. With `trust proxy` set to the proxies in front of the
  // app, req.ip is the client's address from X-Forwarded-For (so rate limits
  // count clients, not the proxy) and req.protocol is `https` from
  // X-Forwarded-Proto (so a Secure cookie is set). The API and the page
  // inherit this setting when they are mounted.
  app.set('trust proxy', config.trustProxy);
  // #endregion trust-proxy

  app.use(requestId());
  app.use(httpLogger(logger, config.logRequests));

  // #region helmet
  // Security headers on every answer. The Content-Security-Policy is the one
  // that matters most: the page may run scripts, load styles and connect
  // only to its own origin, so an injected <script> or inline handler does
  // not run, and nothing is loaded from elsewhere.
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          // In production, the browser asks for https:// even where a link says http://.
          ...(config.nodeEnv === 'production' ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // HSTS tells browsers to use HTTPS only for a year: right for a
      // production site on HTTPS, wrong on http://localhost.
      strictTransportSecurity: config.nodeEnv === 'production',
    }),
  );
  // #endregion helmet

  // #region compression
  // gzip or brotli for answers of 1 KB and more, when the client accepts it.
  app.use(compression());
  // #endregion compression

  app.get('/health', health);
  app.get('/ready', readiness({ db, sessionStore, shuttingDown }));

  const logError = logErrorTo(logger);
  app.use('/api/v1', createApi({ config, db, sessionStore, readNotice, logError, logger, now }));
  app.use(createWeb({ config, logError }));

  return app;
}
// #endregion create-app

// #region handlers
// Always answers 200 while the process can answer at all.
function health(_req: Request, res: Response): void {
  res.json({ status: 'ok' });
}
// #endregion handlers
