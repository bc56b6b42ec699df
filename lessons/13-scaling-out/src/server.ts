// The process entry: the only file that reads the environment, listens on a
// port and handles signals. Everything it starts, the database included, is
// opened and wired by createApp() in app.ts, the composition root.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type Forum } from './app.ts';
import { DEVELOPMENT_SESSION_SECRET, loadConfig, withoutPassword, type Config } from './config.ts';
import { openConnections, type Connections } from './connections.ts';
import { createLogger } from './logger.ts';

// #region config
// Read once, checked whole, before anything starts: a bad setting stops the
// process here with every problem named, not at the first request that
// needs it.
let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
// #endregion config

const logger = createLogger(config);
let closing = false;
// #region create-forum
// PostgreSQL and Redis, when their URLs are set: connected (and the schema
// migrated) before anything listens. A server that cannot reach them stops
// here, with one line naming DATABASE_URL or REDIS_URL.
let connections: Connections;
let forum: Forum;
try {
  connections = await openConnections(config, logger);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
try {
  forum = createApp(config, { logger, shuttingDown: () => closing, postgres: connections.postgres, redis: connections.redis });
} catch (error) {
  // The SQLite database could not be opened: the message names DATABASE_PATH.
  console.error((error as Error).message);
  await connections.close();
  process.exit(1);
}
const { app } = forum;
// #endregion create-forum

const adminState = await forum.services.accounts.ensureFirstAdmin();

// #region http-server
// A client that sends its headers or its body a byte at a time holds a
// connection open for as long as it likes, unless the server sets a limit:
// headersTimeout for the headers, requestTimeout for the whole request. Past
// either, Node answers 408 and closes the connection. Node looks for such
// connections every connectionsCheckingInterval (30 s unless set): once a
// second keeps the limits close to what they say.
const server = createServer(
  { requestTimeout: config.requestTimeoutMs, headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: 1000 },
  app,
);
// #endregion http-server

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${config.port} is already in use. Stop the other server or choose another port, e.g. PORT=3001.`
      : `Could not listen on port ${config.port}: ${error.message}`,
  );
  void closeStores().then(() => process.exit(1));
});

server.listen(config.port, () => {
  const { port } = server.address() as AddressInfo;
  logger.info({ port }, `listening on http://localhost:${port}`);
  // #region service-lines
  const database = config.databaseUrl === undefined ? config.databasePath : withoutPassword(config.databaseUrl);
  logger.info({ database, sessionStore: config.sessionStore }, `Database: ${database}`);
  if (config.redisUrl !== undefined) logger.info(`Sessions and rate limits: ${withoutPassword(config.redisUrl)}`);
  if (config.nodeEnv === 'production' && config.redisUrl === undefined) {
    logger.warn('No REDIS_URL: sessions and rate limits are this process\'s own. A second instance would not see them: set REDIS_URL before you run more than one.');
  }
  // #endregion service-lines
  if (config.adminEmail === undefined) {
    logger.warn('No ADMIN_EMAIL: nobody can approve new accounts. Set ADMIN_EMAIL to the email of the first admin.');
  } else {
    logger.info(`Admin: ${config.adminEmail} (${adminState})`);
  }
  if (config.sessionSecret === DEVELOPMENT_SESSION_SECRET) {
    logger.warn('Sessions are signed with the development secret. Set SESSION_SECRET (32 characters or more) for production.');
  }
  if (config.nodeEnv === 'production' && config.trustProxy === false) {
    logger.warn('TRUST_PROXY is not set: behind a proxy that ends TLS, no Secure session cookie can be set. Set TRUST_PROXY to the number of proxies (e.g. 1).');
  }
  if (config.corsOrigins.includes('*')) {
    logger.warn('CORS_ORIGINS=*: any site may call the API with a logged-in user\'s cookie. For development only.');
  }
});

// #region shutdown
// SIGTERM (a process manager, a container runtime, a deploy) or SIGINT
// (Ctrl+C). In order:
// 1. /ready answers 503, so a load balancer sends no new requests;
// 2. the server stops accepting connections and closes the idle ones;
// 3. requests in flight finish, for up to SHUTDOWN_TIMEOUT_MS;
// 4. past that deadline, their connections are closed;
// 5. the session store, then the database, are closed;
// 6. exit code 0 if every request finished, 1 if some were cut off.
function shutdown(signal: NodeJS.Signals): void {
  if (closing) {
    logger.info(`${signal} received again; still closing`);
    return;
  }
  closing = true;
  logger.info(`${signal} received, closing the server`);
  let cutOff = false;
  const deadline = setTimeout(() => {
    cutOff = true;
    logger.warn(`requests still running after ${config.shutdownTimeoutMs} ms (SHUTDOWN_TIMEOUT_MS); closing their connections`);
    server.closeAllConnections();
  }, config.shutdownTimeoutMs);
  // A keep-alive connection whose request finishes after this point would
  // stay open, idle, until its keep-alive timeout: close idle ones as they come.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  server.close(() => {
    clearTimeout(deadline);
    clearInterval(sweep);
    void closeStores().then(() => {
      logger.info(cutOff ? 'closed, with requests cut off' : 'closed');
      process.exit(cutOff ? 1 : 0);
    });
  });
  server.closeIdleConnections();
}

/** The session store, then the SQLite database (see Forum.close in app.ts), then PostgreSQL and Redis. */
async function closeStores(): Promise<void> {
  forum.close();
  await connections.close();
}

process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// #endregion shutdown
