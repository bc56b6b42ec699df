// The process entry: the only file that reads the environment, opens the
// database, listens on a port and handles signals. Everything it starts is
// built in app.ts.
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SQLiteStore } from '@forum-lessons/session-store';
import type { Database } from 'better-sqlite3';
import { createApp } from './app.ts';
import { DEVELOPMENT_SESSION_SECRET, loadConfig, type Config } from './config.ts';
import { openDatabase } from './db.ts';
import { readNoticeFile } from './notice.ts';

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

// #region session-store
// #region separate-file
// Sessions go into sessions.db, next to the app's database. Given a path
// instead of a Database, the store opens a connection of its own: it sets WAL
// and a busy timeout on it, and store.close() closes it. (An in-memory app
// database gets in-memory sessions.)
const sessionsPath = config.databasePath === ':memory:' ? ':memory:' : join(dirname(config.databasePath), 'sessions.db');
const sessionStore = new SQLiteStore({
  db: sessionsPath,
  onError: (error) => console.error(`Session store: ${error.message}`),
});
// #endregion separate-file
// #endregion session-store

const app = createApp({ config, db, sessionStore, readNotice: () => readNoticeFile(noticeFile) });
const server = app.listen(config.port, (error?: Error) => {
  if (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${config.port} is already in use. Stop the other server or choose another port, e.g. PORT=3001.`
        : `Could not listen on port ${config.port}: ${error.message}`,
    );
    sessionStore.close();
    db.close();
    process.exit(1);
  }
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://localhost:${port}`);
  console.log(`Database: ${config.databasePath}`);
  if (config.sessionSecret === DEVELOPMENT_SESSION_SECRET) {
    console.log('Sessions are signed with the development secret. Set SESSION_SECRET (32 characters or more) for production.');
  }
});
// #endregion listen

// #region shutdown
// Ctrl+C sends SIGINT; process managers and containers send SIGTERM. Stop
// accepting connections, let requests in flight finish, close the session
// store and the database, then exit.
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
    // The store first: it stops its timer that deletes expired sessions,
    // which must not run on a closed database.
    sessionStore.close();
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
