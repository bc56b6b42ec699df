import type { Request, RequestHandler, Response } from 'express';

// #region options
export interface RequestLoggerOptions {
  /** Receives one line per finished request. Default: `console.log`. */
  log?: (line: string) => void;
  /** `false` turns logging off: the middleware only calls `next()`. Default: `true`. */
  enabled?: boolean;
  // #region option
  /** Return `true` to leave a request out of the log. Called when the response is done. */
  skip?: (req: Request, res: Response) => boolean;
  // #endregion option
}
// #endregion options

// #region request-logger
/**
 * A middleware factory: you call it with options once, at start-up, and it
 * returns the middleware that Express calls for every request.
 *
 * @example
 * app.use(requestLogger({ log: (line) => process.stdout.write(`${line}\n`) }));
 * // GET /api/v1/ping 200 1.3ms
 * // GET /api/v1/notice - 200.4ms aborted   (the client left before an answer)
 */
export function requestLogger(options: RequestLoggerOptions = {}): RequestHandler {
  const { log = (line: string) => console.log(line), enabled = true, skip = () => false } = options;
  // Check the options now, so a typo fails at start-up rather than on the first request.
  if (typeof log !== 'function') {
    throw new TypeError(`requestLogger(): option "log" must be a function, got ${typeof log}`);
  }
  if (typeof enabled !== 'boolean') {
    throw new TypeError(`requestLogger(): option "enabled" must be a boolean, got ${typeof enabled}`);
  }
  if (typeof skip !== 'function') {
    throw new TypeError(`requestLogger(): option "skip" must be a function, got ${typeof skip}`);
  }

  if (!enabled) return (_req, _res, next) => next();

  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // The response has not been written yet: wait for it. `close` fires once
    // per response, after it finished or after the client gave up on it.
    // #region close
    res.once('close', () => {
      // Asked now, not when the request arrived: the status is known.
      if (skip(req, res)) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const status = res.headersSent ? String(res.statusCode) : '-';
      const aborted = res.writableFinished ? '' : ' aborted';
      log(`${req.method} ${pathOf(req.originalUrl)} ${status} ${ms.toFixed(1)}ms${aborted}`);
    });
    // #endregion close
    // Pass the request on. Without this call, no route would ever see it.
    next();
  };
}
// #endregion request-logger

/** `/api/v1/users?page=2` → `/api/v1/users`: query strings can hold things that do not belong in a log. */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

// #region usage
/** For `skip`: a /health that answers below 400 is not worth a log line. */
export const skipHealthyChecks = (req: Request, res: Response): boolean =>
  req.path === '/health' && res.statusCode < 400;
// #endregion usage
