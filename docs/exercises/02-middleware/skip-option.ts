// Solution to lesson 02, exercise 1: a `skip` option for the request logger.
import type { Request, RequestHandler, Response } from 'express';

export interface RequestLoggerOptions {
  log?: (line: string) => void;
  enabled?: boolean;
  // #region option
  /** Return `true` to leave a request out of the log. Called when the response is done. */
  skip?: (req: Request, res: Response) => boolean;
  // #endregion option
}

export function requestLogger(options: RequestLoggerOptions = {}): RequestHandler {
  const { log = (line: string) => console.log(line), enabled = true, skip = () => false } = options;
  if (typeof skip !== 'function') {
    throw new TypeError(`requestLogger(): option "skip" must be a function, got ${typeof skip}`);
  }
  if (!enabled) return (_req, _res, next) => next();

  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // #region close
    res.once('close', () => {
      // Asked at the end, so `skip` can look at the status too.
      if (skip(req, res)) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const status = res.headersSent ? String(res.statusCode) : '-';
      const aborted = res.writableFinished ? '' : ' aborted';
      log(`${req.method} ${req.originalUrl.split('?')[0]} ${status} ${ms.toFixed(1)}ms${aborted}`);
    });
    // #endregion close
    next();
  };
}

// #region usage
// Health checks arrive every few seconds from a load balancer; a failing one
// is still worth a line.
export const skipHealthyChecks = (req: Request, res: Response): boolean =>
  req.path === '/health' && res.statusCode < 400;
// #endregion usage
