// The process entry: the only file that reads the environment, opens the
// database, listens on a port and handles signals. Everything it starts is
// built in app.ts.
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { createApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './db.ts';
import { readNoticeFile, unavailableWhenFailing } from './notice.ts';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// #region listen
// notice.json sits in the lesson folder, wherever you start the server from.
// It is read on every request, so an edit shows without a restart.
const noticeFile = fileURLToPath(new URL('../notice.json', import.meta.url));
let db: Database;
try {
  db = openDatabase(config.databasePath);
} catch (error) {
  // A folder, a file that is not a database, a file you may not write: the
  // setting is wrong, so name it instead of printing SQLite's stack trace.
  console.error(`DATABASE_PATH: could not open ${config.databasePath}: ${(error as Error).message}`);
  process.exit(1);
}

// #region server
const app = createApp({ config, db, readNotice: unavailableWhenFailing(() => readNoticeFile(noticeFile), 30) });
// #endregion server
const server = app.listen(config.port, (error?: Error) => {
  if (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${config.port} is already in use. Stop the other server or choose another port, e.g. PORT=3001.`
        : `Could not listen on port ${config.port}: ${error.message}`,
    );
    db.close();
    process.exit(1);
  }
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://localhost:${port}`);
  console.log(`Database: ${config.databasePath}`);
});
// #endregion listen

// #region shutdown
// Ctrl+C sends SIGINT; process managers and containers send SIGTERM. Stop
// accepting connections, let requests in flight finish, close the database,
// then exit.
let closing = false;
function shutdown(signal: NodeJS.Signals): void {
  // A signal can arrive twice (a terminal and a watcher both pass it on).
  // Once shutdown has begun, say so and let it finish, instead of letting
  // Node's default handler end the process before everything is closed.
  if (closing) {
    console.log(`${signal} received again; still closing`);
    return;
  }
  closing = true;
  console.log(`${signal} received, closing the server`);
  server.close(() => {
    // Closing writes everything in the write-ahead log back to forum.db.
    db.close();
    process.exit(0);
  });
  server.closeIdleConnections();
  // A client holding a connection open must not keep the process alive forever.
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// #endregion shutdown
