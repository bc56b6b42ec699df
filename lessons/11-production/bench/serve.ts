// The lesson's app in a process of its own, with the session store named by
// BENCH_STORE. bench/http.ts starts one of these per store (bench/processes.ts),
// so the app never shares an event loop with the load generator. It is
// src/server.ts without the signals and the admin promotion, plus stores that
// server.ts does not offer: every setting still comes from loadConfig(), and
// `ours` is built exactly as server.ts builds it.
//
//   BENCH_STORE=ours | memory | connect-sqlite3 | better-sqlite3-session-store
//
// It listens on 127.0.0.1 on a free port and sends `{ port }` to its parent
// over the IPC channel; it exits when the parent disconnects.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SQLiteStore } from '@forum-lessons/session-store';
import session, { type Store } from 'express-session';
import { loadPeers } from '../../../scripts/lib/bench-peers.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db.ts';
import { createLogger } from '../src/logger.ts';
import { readNoticeFile } from '../src/notice.ts';
import { isStoreName, type StoreName } from './stores.ts';

const storeName = process.env.BENCH_STORE;
if (!isStoreName(storeName)) throw new Error(`BENCH_STORE must name a store, got ${JSON.stringify(storeName)}`);
if (process.send === undefined) throw new Error('bench/serve.ts runs as a child of bench/http.ts, with an IPC channel');

const config = loadConfig(process.env);
const logger = createLogger(config);
const db = openDatabase(config.databasePath);
const noticeFile = fileURLToPath(new URL('../notice.json', import.meta.url));

async function buildStore(name: StoreName): Promise<Store> {
  switch (name) {
    case 'ours':
      // As in src/server.ts: the app's database connection, the defaults.
      return new SQLiteStore({ db, onError: (error) => logger.error({ err: error }, 'session store') });
    case 'memory':
      return new session.MemoryStore();
    case 'connect-sqlite3': {
      // Its own file next to the app's (it opens its own sqlite3 connection),
      // its defaults otherwise. It creates its table asynchronously.
      const Store = loadPeers<Store & { client: NodeJS.EventEmitter }>().connectSqlite3(session);
      const store = new Store({ db: 'connect-sessions.db', dir: dirname(config.databasePath) });
      await new Promise((resolve) => store.client.once('connect', resolve));
      return store;
    }
    case 'better-sqlite3-session-store': {
      // Like ours: the app's database connection, the defaults.
      const Store = loadPeers<Store>().betterSqlite3SessionStore(session);
      return new Store({ client: db });
    }
  }
}

const sessionStore = await buildStore(storeName);
const app = createApp({ config, db, sessionStore, logger, readNotice: () => readNoticeFile(noticeFile) });
// The same server options as src/server.ts.
const server = createServer(
  { requestTimeout: config.requestTimeoutMs, headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: 1000 },
  app,
);

server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.address() as AddressInfo).port });
});

// The parent is done (or gone): stop at once. The database is a temporary
// file the parent deletes.
process.on('disconnect', () => {
  server.closeAllConnections();
  process.exit(0);
});
