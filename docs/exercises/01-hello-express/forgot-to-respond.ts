// A common mistake, kept as code so the docs can show it and a test can prove
// what it does: this handler neither responds nor calls next().
import express, { type Express, type Request } from 'express';

export function createApp(): Express {
  const app = express();
  app.get('/api/v1/ping', ping);
  return app;
}

// #region mistake
// Bug: Express ignores what a handler returns. Nothing is sent, next() is
// never called, and the client waits until it gives up.
function ping(req: Request) {
  return { message: 'pong', method: req.method };
}
// #endregion mistake
