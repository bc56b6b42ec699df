// The process entry: the only file that reads the environment, listens on a
// port and handles signals. Everything it starts is built in app.ts.
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// #region listen
const app = createApp();
const server = app.listen(config.port, (error?: Error) => {
  if (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${config.port} is already in use. Stop the other server or choose another port, e.g. PORT=3001.`
        : `Could not listen on port ${config.port}: ${error.message}`,
    );
    process.exit(1);
  }
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://localhost:${port}`);
});
// #endregion listen

// #region shutdown
// Ctrl+C sends SIGINT; process managers and containers send SIGTERM. Stop
// accepting connections, let requests in flight finish, then exit.
function shutdown(signal: NodeJS.Signals): void {
  console.log(`${signal} received, closing the server`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // A client holding a connection open must not keep the process alive forever.
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
// #endregion shutdown
