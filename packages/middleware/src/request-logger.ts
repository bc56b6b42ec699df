import type { Request, RequestHandler, Response } from 'express';
import { checkOptions, describeValue } from '@forum-lessons/error-handler';

/** What the request logger knows about one finished request. */
export interface RequestLogEntry {
  method: string;
  /** The path as the client sent it, without the query string (which may hold tokens). */
  path: string;
  /** The status sent; absent when the client left before any answer. */
  status?: number;
  /** From the moment this middleware ran to the end of the response, in milliseconds. */
  durationMs: number;
  /** `req.id`, when requestId() runs earlier. */
  requestId?: string;
  /** The client closed the connection before the answer was complete. */
  aborted: boolean;
}

export interface RequestLoggerOptions {
  /** Receives each line and the entry it was made from. Default: `console.log(line)`. */
  log?: (line: string, entry: RequestLogEntry) => void;
  /** Turns the line into text. Default: `GET /posts 200 3.1ms id=…`. */
  format?: (entry: RequestLogEntry) => string;
  /** Return `true` to leave a request out; called when it ends, so it can look at the status. */
  skip?: (req: Request, res: Response) => boolean;
  /** `false` gives a middleware that only calls `next()`. Default `true`. */
  enabled?: boolean;
}

// #region request-logger
/**
 * Writes one line per request when the response finishes (or the client
 * gives up): method, path, status, duration and request id.
 *
 * @example
 * app.use(requestLogger({ skip: (req) => req.path === '/health' }));
 * // GET /api/v1/posts 200 4.2ms id=6f1c…
 */
export function requestLogger(options?: RequestLoggerOptions): RequestHandler {
  const { log, format, skip, enabled } = readOptions(options);
  if (!enabled) return (_req, _res, next) => next();

  return function logRequest(req, res, next) {
    const started = process.hrtime.bigint();
    // `close` fires once per response: after its last byte was sent, or when
    // the client gave up on it (then `writableFinished` is still false).
    res.once('close', () => {
      if (skip(req, res)) return;
      const entry: RequestLogEntry = {
        method: req.method,
        path: req.originalUrl.split('?')[0] ?? '/',
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e3) / 1e3,
        aborted: !res.writableFinished,
      };
      if (res.headersSent) entry.status = res.statusCode;
      // String(): pino-http, for one, declares req.id as a string, a number or an object.
      if (req.id !== undefined) entry.requestId = String(req.id);
      log(format(entry), entry);
    });
    next();
  };
}
// #endregion request-logger

/**
 * The default format: `GET /posts 200 3.1ms id=…`, with `aborted` when the
 * client left early.
 *
 * @example
 * requestLogger({ format: (entry) => `[api] ${formatRequestLine(entry)}` });
 */
export function formatRequestLine(entry: RequestLogEntry): string {
  const parts = [entry.method, entry.path, entry.status === undefined ? '-' : String(entry.status), `${entry.durationMs.toFixed(1)}ms`];
  if (entry.aborted) parts.push('aborted');
  if (entry.requestId !== undefined) parts.push(`id=${entry.requestId}`);
  return parts.join(' ');
}

function readOptions(options: RequestLoggerOptions | undefined): Required<RequestLoggerOptions> {
  const given = checkOptions('requestLogger()', options, ['log', 'format', 'skip', 'enabled']);
  const { log = (line: string) => console.log(line), format = formatRequestLine, skip = () => false, enabled = true } = given;
  for (const [name, value, shape] of [
    ['log', log, '(line, entry) => void'],
    ['format', format, '(entry) => string'],
    ['skip', skip, '(req, res) => boolean'],
  ] as const) {
    if (typeof value !== 'function') {
      throw new TypeError(`requestLogger(): option "${name}" must be a function ${shape}, got ${describeValue(value)}`);
    }
  }
  if (typeof enabled !== 'boolean') {
    throw new TypeError(`requestLogger(): option "enabled" must be a boolean, got ${describeValue(enabled)}`);
  }
  return { log, format, skip, enabled } as Required<RequestLoggerOptions>;
}
