// The mistake: a promise that Express never sees.
import express, { type Express } from 'express';

async function readNotice(): Promise<{ message: string }> {
  throw new Error('ENOENT: notice.json is missing');
}

export function createApp(): Express {
  const app = express();
  // #region mistake
  // Wrong: the handler starts a promise and returns nothing. Express cannot
  // see the rejection, so no error handler runs and no answer is sent. Node
  // finds a rejected promise no one handled and stops the whole process.
  // Express 4 treated `async` handlers this way too.
  app.get('/api/v1/notice', (_req, res) => {
    readNotice().then((notice) => res.json(notice));
  });
  // #endregion mistake
  // #region fix
  // Right: an async handler (or one that returns the promise). Express 5
  // waits for it and passes a rejection to the error handler.
  app.get('/api/v1/notice-fixed', async (_req, res) => {
    res.json(await readNotice());
  });
  // #endregion fix
  return app;
}
