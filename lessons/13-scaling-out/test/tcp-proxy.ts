import { connect, createServer, type Server, type Socket } from 'node:net';

// #region tcp-proxy
/**
 * A TCP proxy in front of a server that other tests share (PostgreSQL,
 * Redis). Stopping it cuts every connection through it and refuses new
 * ones, as if that server had gone away; starting it again on the same port
 * is the server coming back. The shared server itself is never touched.
 */
export async function tcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  async function start(): Promise<void> {
    server = createServer((client) => {
      const upstream = connect(target.port, target.host);
      track(client);
      track(upstream);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.address() as { port: number }).port;
  }

  async function stop(): Promise<void> {
    const closed = new Promise((resolve) => server?.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closed;
  }

  await start();
  return {
    get port() {
      return port;
    },
    start,
    stop,
  };
}
// #endregion tcp-proxy
