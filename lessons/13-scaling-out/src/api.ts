import { errorHandler, notFound } from '@forum-lessons/error-handler';
import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import cors from 'cors';
import express, { type ErrorRequestHandler, type Express, type NextFunction, type Request, type Response } from 'express';
import type { Store as RateLimitStore } from 'express-rate-limit';
import type { Store } from 'express-session';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { AuthController } from './controllers/auth.ts';
import type { PostsController } from './controllers/posts.ts';
import type { UsersController } from './controllers/users.ts';
import type { User } from './domain/models.ts';
import { domainErrors } from './http/domain-errors.ts';
import { crossOriginProtection } from './middleware/cross-origin.ts';
import { createRateLimits } from './middleware/rate-limits.ts';
import { loadNotice } from './middleware/load-notice.ts';
import { createGuards } from './middleware/guards.ts';
import type { Notice } from './notice.ts';
import { createAuthRouter } from './routes/auth.ts';
import { createPostsRouter } from './routes/posts.ts';
import { createSessionRouter } from './routes/session.ts';
import { createUsersRouter } from './routes/users.ts';
import { sessionLifetime, sessionMiddleware } from './session.ts';

// #region deps
/** What the API needs: the controllers and the rest, as the composition root (app.ts) built them. */
export interface ApiDeps {
  config: Pick<
    Config,
    'nodeEnv' | 'sessionSecret' | 'sessionMaxAgeMs' | 'maxVisitorSessions' | 'sessionAbsoluteMs' | 'corsOrigins' | 'rateLimits'
  >;
  controllers: { auth: AuthController; users: UsersController; posts: PostsController };
  /** The user a session names, for the guards: the accounts service's findUser. */
  findUser: (id: number) => Promise<User | undefined>;
  sessionStore: Store;
  /** Where each rate limiter counts: in Redis with REDIS_URL; in this process's memory when undefined. */
  rateLimitStore?: (identifier: string) => RateLimitStore;
  /** Turns an error of the session or rate-limit store into the domain's (a lost Redis into UnavailableError). */
  storeErrors?: (error: unknown) => unknown;
  readNotice: () => Promise<Notice>;
  /** Every 5xx the API's error handler answers. */
  logError: (entry: ErrorLogEntry) => void;
  /** The rate limiters' warnings about their own configuration. */
  logger: Logger;
  now: () => number;
}
// #endregion deps

// #region create-api
/**
 * The JSON API as an app of its own. app.ts mounts it at /api/v1, so every
 * path in here is relative to that: `/posts` here answers /api/v1/posts.
 * Only the API parses JSON and loads sessions: a request for the page's
 * stylesheet never touches the session store.
 */
export function createApi({ config, controllers, findUser, logError, logger, now, readNotice, sessionStore, rateLimitStore, storeErrors }: ApiDeps): Express {
  const api = express();

  // A sub-app does not inherit these two from the app that mounts it: Express
  // sets its own defaults on every app it creates (see the lesson page).
  api.disable('x-powered-by');
  api.set('env', config.nodeEnv);

  // #region cors
  // Pages on the origins in CORS_ORIGINS may call the API from their own
  // scripts, with the user's cookie (`credentials`); the browser asks first
  // (a preflight OPTIONS request) and cors() answers it. Any other origin gets
  // no Access-Control-Allow-Origin, so its script cannot read an answer.
  // The forum's own page is same-origin and needs none of this.
  api.use(
    cors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      credentials: true,
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Location', 'RateLimit', 'RateLimit-Policy', 'Retry-After'],
      maxAge: 600,
    }),
  );
  // #endregion cors

  // #region csrf
  // Writes with the session cookie must come from the forum's page or an
  // allowed origin (see middleware/cross-origin.ts and decision 008).
  api.use(crossOriginProtection({ trustedOrigins: config.corsOrigins }));
  // #endregion csrf

  // #region api-limit
  // Every API request counts against its address's limit, before any work:
  // no body parsed, no session read.
  const limits = createRateLimits(config.rateLimits, logger, rateLimitStore);
  api.use(limits.api);
  // #endregion api-limit

  // #region body-limit
  // Parses JSON request bodies into req.body, only when the Content-Type says
  // JSON. A body over 10 KB is refused with 413 before it is read in full;
  // the largest post (a 200-character title, a 10,000-character body) fits,
  // and nothing else the API accepts comes close.
  api.use(express.json({ limit: '10kb' }));
  // #endregion body-limit
  // Loads req.session from the store for a request that carries a valid
  // session cookie, and gives the others an empty one that is saved only if
  // a route puts something in it.
  api.use(sessionMiddleware({ config, store: sessionStore }));
  // A login ends SESSION_ABSOLUTE_MS after it began, however active.
  api.use(sessionLifetime({ config, now }));

  // #region guard-chains
  // Who may do what: every guard calls next() or ends the request with a 401
  // (not logged in) or a 403 (logged in, not allowed).
  const guard = createGuards({ findUser });
  // #endregion guard-chains

  api.get('/ping', ping);
  // A route can have its own middleware: loadNotice runs first, then showNotice.
  api.get('/notice', loadNotice(readNotice), showNotice);
  // Register, log in, log out, and who am I. Answers about accounts are for
  // one person: noStore() tells the browser and any proxy not to keep a copy.
  api.use('/auth', noStore, createAuthRouter({ controller: controllers.auth, loggedIn: guard.loggedIn, limits }));
  // The admin chain runs before every users route: logged in (else 401),
  // approved (else 403), admin (else 403). The router never sees anyone else.
  api.use('/users', noStore, guard.admin, createUsersRouter({ controller: controllers.users }));
  // Posts and replies: approved members only. Who may change a post is
  // checked inside, per post.
  api.use('/posts', noStore, guard.approved, createPostsRouter({ controller: controllers.posts }));
  // Counts visits in the session, to show what a session remembers.
  api.use('/session', createSessionRouter({ config, store: sessionStore }));

  // #region api-end
  // The API's own end of the chain: a path under /api/v1 that no route
  // matched is a 404 in problem details, and every API error is answered as
  // problem details, never as the page's HTML. A service's domain error
  // (NotFoundError, ForbiddenError...) becomes its HTTP error first.
  api.use(notFound());
  if (storeErrors !== undefined) api.use(translateErrors(storeErrors));
  api.use(domainErrors());
  api.use(errorHandler({ log: logError }));
  // #endregion api-end

  return api;
}
// #endregion create-api

// #region handlers
// A request handler receives the request, the response and `next`. It must
// either send a response or call `next()`; these three always respond.
/** An error handler that passes on the error as `translate` returns it. */
function translateErrors(translate: (error: unknown) => unknown): ErrorRequestHandler {
  return (error, _req, _res, next) => next(translate(error));
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
