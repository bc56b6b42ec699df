// #region imports
import { requestId } from '@forum-lessons/middleware';
// #endregion imports
import { fileURLToPath } from 'node:url';
import { SQLiteStore } from '@forum-lessons/session-store';
import type { Database } from 'better-sqlite3';
import compression from 'compression';
import express, { type Express, type Request, type Response } from 'express';
import session, { type Store } from 'express-session';
import helmet from 'helmet';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createApi, type ApiDeps } from './api.ts';
import type { Config } from './config.ts';
import { createAuthController } from './controllers/auth.ts';
import { createPostsController } from './controllers/posts.ts';
import { createUsersController } from './controllers/users.ts';
import { openDatabase } from './db.ts';
import { createLogger, httpLogger, logErrorTo } from './logger.ts';
import { readNoticeFile, type Notice } from './notice.ts';
import { readiness } from './ready.ts';
import { redisRateLimitStores, redisSessionStore, redisUnavailable, type RedisClient } from './redis.ts';
import { postgresCheck } from './repositories/postgres/health.ts';
import { createPostgresPostsRepository } from './repositories/postgres/posts.ts';
import { createPostgresUsersRepository } from './repositories/postgres/users.ts';
import { sqliteCheck, type Check } from './repositories/sqlite/health.ts';
import { createSqlitePostsRepository } from './repositories/sqlite/posts.ts';
import { createSqliteUsersRepository } from './repositories/sqlite/users.ts';
import { createAccountsService, type AccountsService } from './services/accounts.ts';
import { scryptHasher, type PasswordHasher } from './services/password-hasher.ts';
import { createPostsService, type PostsService } from './services/posts.ts';
import { createUsersService, type UsersService } from './services/users.ts';
import { createWeb } from './web.ts';

const noticeFile = fileURLToPath(new URL('../notice.json', import.meta.url));

// #region overrides
/** What a caller may put in place of what createApp() would make from the settings. */
export interface AppOverrides {
  /** Where log entries go: pino on standard output unless a test passes its own. */
  logger?: Logger;
  /** The clock for login times and post timestamps, in milliseconds since 1970. Date.now unless a test passes its own. */
  now?: () => number;
  /** Reads the forum notice: notice.json in the lesson folder unless a test passes a function. */
  readNotice?: () => Promise<Notice>;
  /** True once server.ts has begun to shut down: /ready answers 503. */
  shuttingDown?: () => boolean;
  /** An open database to use instead of opening DATABASE_PATH. The caller closes it. */
  db?: Database;
  /** A session store to use instead of the one SESSION_STORE names. The caller closes it. */
  sessionStore?: Store;
  /** How passwords are hashed: scrypt unless a test passes a faster one. */
  passwordHasher?: PasswordHasher;
  /** PostgreSQL, connected and migrated (openConnections in connections.ts): needed when DATABASE_URL is set. The caller closes it. */
  postgres?: Pool;
  /** Redis, connected (openConnections): needed when REDIS_URL is set. The caller closes it. */
  redis?: RedisClient;
}
// #endregion overrides

/** What createApp() built: the app to serve, the services (server.ts promotes the first admin with one), and how to close it all. */
export interface Forum {
  app: Express;
  services: { accounts: AccountsService; users: UsersService; posts: PostsService };
  /** Closes what createApp() opened: the session store, then the SQLite database. */
  close(): void;
}

// #region composition-root
/**
 * The composition root: the one place that knows every concrete part and
 * wires them, in order: settings → database → repositories → services →
 * controllers → routers (inside createApi). Each part receives what it
 * needs as arguments; nothing reaches for a global, and nothing but this
 * function knows whether the repositories are SQLite's or PostgreSQL's. It
 * opens nothing it is handed in `overrides`, and never listens: server.ts
 * does that. It connects to nothing over the network either: server.ts
 * connects first (openConnections), because connecting takes time and can
 * fail, and a server that cannot reach its database must not start.
 */
export function createApp(config: Config, overrides: AppOverrides = {}): Forum {
  const logger = overrides.logger ?? createLogger(config);
  const now = overrides.now ?? Date.now;
  const { postgres, redis } = overrides;
  if (config.databaseUrl !== undefined && postgres === undefined) {
    throw new Error('DATABASE_URL is set: connect with openConnections() (connections.ts) and pass the pool as `postgres`');
  }
  if (config.redisUrl !== undefined && redis === undefined) {
    throw new Error('REDIS_URL is set: connect with openConnections() (connections.ts) and pass the client as `redis`');
  }

  // #region session-store
  // SESSION_STORE=redis (the default with REDIS_URL): sessions in Redis,
  // where every instance finds them. sqlite (the default without): in the
  // SQLite database, as since lesson 06. memory: express-session's
  // MemoryStore, to compare against; config.ts refuses it in production.
  const needsSqlite = postgres === undefined || (overrides.sessionStore === undefined && config.sessionStore === 'sqlite');
  // The SQLite database: opened here from DATABASE_PATH (`:memory:` for
  // tests), unless PostgreSQL holds the data and Redis the sessions.
  const db = overrides.db ?? (needsSqlite ? openForum(config.databasePath) : undefined);
  const sessionStore =
    overrides.sessionStore ??
    (config.sessionStore === 'redis'
      ? redisSessionStore(redis!, config.redisKeyPrefix)
      : config.sessionStore === 'sqlite'
        ? new SQLiteStore({ db: db!, onError: (error) => logger.error({ err: error }, 'session store') })
        : new session.MemoryStore());
  // #endregion session-store

  // #region repositories
  // Repositories: the only code that writes SQL. PostgreSQL's or SQLite's:
  // the services below cannot tell which, and neither can a client.
  const repositories =
    postgres === undefined
      ? { users: createSqliteUsersRepository(db!), posts: createSqlitePostsRepository(db!) }
      : { users: createPostgresUsersRepository(postgres), posts: createPostgresPostsRepository(postgres) };
  // #endregion repositories

  // Services: the forum's rules, knowing repositories only by their interfaces.
  const services = {
    accounts: createAccountsService({
      users: repositories.users,
      hasher: overrides.passwordHasher ?? scryptHasher,
      adminEmail: config.adminEmail,
      now,
    }),
    users: createUsersService({ users: repositories.users }),
    posts: createPostsService({ posts: repositories.posts, now }),
  };

  // Controllers: HTTP in, service calls, HTTP out. createApi() gives each its router.
  const controllers = {
    auth: createAuthController({ accounts: services.accounts, config, now }),
    users: createUsersController({ users: services.users }),
    posts: createPostsController({ posts: services.posts }),
  };

  const app = createRootApp({
    config,
    logger,
    checkDatabase: postgres === undefined ? sqliteCheck(db!) : postgresCheck(postgres),
    shuttingDown: overrides.shuttingDown,
    api: {
      config,
      controllers,
      findUser: services.accounts.findUser,
      sessionStore,
      // #region redis-api
      // With Redis: every limiter counts there, and a lost connection is a 503.
      ...(redis === undefined ? {} : { rateLimitStore: redisRateLimitStores(redis, config.redisKeyPrefix), storeErrors: redisUnavailable }),
      // #endregion redis-api
      readNotice: overrides.readNotice ?? (() => readNoticeFile(noticeFile)),
      logger,
      now,
    },
  });

  return {
    app,
    services,
    close() {
      // The session store first: its cleanup timer must not run on a closed database.
      if (overrides.sessionStore === undefined && sessionStore instanceof SQLiteStore) sessionStore.close();
      // Closing writes everything in the write-ahead log back to forum.db.
      if (overrides.db === undefined) db?.close();
      // PostgreSQL and Redis were handed in: whoever opened them closes them.
    },
  };
}
// #endregion composition-root

/** openDatabase(), with the setting named when it fails: server.ts prints the message and stops. */
function openForum(path: string): Database {
  try {
    return openDatabase(path);
  } catch (error) {
    throw new Error(`DATABASE_PATH: could not open ${path}: ${(error as Error).message}`, { cause: error });
  }
}

interface RootAppDeps {
  config: Config;
  logger: Logger;
  checkDatabase: () => Promise<Check>;
  shuttingDown: (() => boolean) | undefined;
  /** What createApi() needs, but the log function the root app makes. */
  api: Omit<ApiDeps, 'logError'>;
}

// #region create-app
/**
 * The root app: lesson 11's, unchanged but for its arguments. Production's
 * middleware, /health and /ready, the API at /api/v1 and the page at /.
 */
function createRootApp({ api: apiDeps, checkDatabase, config, logger, shuttingDown }: RootAppDeps): Express {
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
  app.get('/ready', readiness({ checkDatabase, sessionStore: apiDeps.sessionStore, shuttingDown }));

  const logError = logErrorTo(logger);
  app.use('/api/v1', createApi({ ...apiDeps, logError }));
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
