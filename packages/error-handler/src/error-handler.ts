import type { ErrorRequestHandler, Request, Response } from 'express';
import { describeError } from './known-errors.ts';
import { checkOptions, describeValue } from './options.ts';
import { PROBLEM_CONTENT_TYPE, problem, type ProblemDetails } from './problem.ts';

/** What the error handler hands to `options.log`. */
export interface ErrorLogEntry {
  /** `error` for 5xx answers; `warn` for 4xx when `logClientErrors` is on. */
  level: 'error' | 'warn';
  status: number;
  method: string;
  /** The request path, without the query string. */
  path: string;
  requestId?: string;
  /** The value passed to `next(err)` or thrown, untouched. */
  error: unknown;
}

export interface ErrorHandlerOptions {
  /** Receives every 5xx (and 4xx with `logClientErrors`). Default: one line to console.error. */
  log?: (entry: ErrorLogEntry) => void;
  /** Also log 4xx answers, at level `warn`. Default `false`. */
  logClientErrors?: boolean;
  /** Add the stack trace to 5xx bodies, for local debugging. Default `false`; refused when NODE_ENV is `production`. */
  exposeStack?: boolean;
}

const optionNames = ['log', 'logClientErrors', 'exposeStack'] as const;

// #region error-handler
/**
 * The last middleware of an app: answers every error with problem details
 * (`application/problem+json`). 4xx messages from http-errors reach the
 * client; 5xx answers carry a generic detail and the error goes to the log.
 *
 * @example
 * app.use(notFound());
 * app.use(errorHandler({ log: (entry) => logger.error(entry) }));
 */
export function errorHandler(options?: ErrorHandlerOptions): ErrorRequestHandler {
  const { log, logClientErrors, exposeStack } = readOptions(options);

  return function handleError(err: unknown, req: Request, res: Response, next: (err?: unknown) => void): void {
    // The answer has started: the status line is gone, nothing can be fixed.
    // Express's default handler closes the connection.
    if (res.headersSent) {
      next(err);
      return;
    }

    const { status, detail, errors, extensions } = describeError(err);
    const path = pathOf(req);
    const requestId = requestIdOf(req);

    if (status >= 500 || logClientErrors) {
      const entry: ErrorLogEntry = { level: status >= 500 ? 'error' : 'warn', status, method: req.method, path, error: err };
      if (requestId !== undefined) entry.requestId = requestId;
      try {
        log(entry);
      } catch {
        // A broken logger must neither stop the answer nor hide the error.
        writeLogLine(entry);
      }
    }

    const body: ProblemDetails = problem(status, detail, { instance: path });
    if (requestId !== undefined) body.requestId = requestId;
    if (errors) body.errors = errors;
    Object.assign(body, extensions);
    if (exposeStack && status >= 500 && err instanceof Error && err.stack) body.stack = err.stack;

    copyHeaders(err, res);
    res.status(status);
    res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    // res.send answers HEAD with the headers and no body.
    res.send(JSON.stringify(body));
  };
}
// #endregion error-handler

function readOptions(options: ErrorHandlerOptions | undefined): Required<ErrorHandlerOptions> {
  const given = checkOptions('errorHandler()', options, optionNames);
  const { log = writeLogLine, logClientErrors = false, exposeStack = false } = given;
  if (typeof log !== 'function') {
    throw new TypeError(`errorHandler(): option "log" must be a function (entry) => void, got ${describeValue(log)}`);
  }
  if (typeof logClientErrors !== 'boolean') {
    throw new TypeError(`errorHandler(): option "logClientErrors" must be a boolean, got ${describeValue(logClientErrors)}`);
  }
  if (typeof exposeStack !== 'boolean') {
    throw new TypeError(`errorHandler(): option "exposeStack" must be a boolean, got ${describeValue(exposeStack)}`);
  }
  if (exposeStack && process.env.NODE_ENV === 'production') {
    throw new TypeError(
      'errorHandler(): option "exposeStack" must not be true when NODE_ENV is "production": stack traces would reach clients',
    );
  }
  return { log: log as Required<ErrorHandlerOptions>['log'], logClientErrors, exposeStack };
}

// #region copy-headers
// http-errors carries headers for the answer, e.g.
// createError(429, 'Too many requests', { headers: { 'Retry-After': '60' } }).
function copyHeaders(err: unknown, res: Response): void {
  const headers = typeof err === 'object' && err !== null ? (err as { headers?: unknown }).headers : undefined;
  if (typeof headers !== 'object' || headers === null) return;
  for (const [name, value] of Object.entries(headers)) {
    if (/^content-(type|length)$/i.test(name)) continue;
    if (typeof value === 'string' || typeof value === 'number') res.setHeader(name, value);
  }
}
// #endregion copy-headers

function pathOf(req: Request): string {
  return (req.originalUrl || req.url || '/').split('?')[0] ?? '/';
}

function requestIdOf(req: Request): string | undefined {
  const id: unknown = (req as unknown as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The default `log`: one line per error on stderr, e.g. `500 GET /posts request_id=… Error: boom (at src/app.ts:12:9)`. */
export function writeLogLine(entry: ErrorLogEntry): void {
  const id = entry.requestId === undefined ? '' : ` request_id=${entry.requestId}`;
  const line = `${entry.status} ${entry.method} ${entry.path}${id} ${summarize(entry.error)}`;
  if (entry.level === 'warn') console.warn(line);
  else console.error(line);
}

function summarize(error: unknown): string {
  if (!(error instanceof Error)) return `non-error value thrown: ${safeString(error)}`;
  const where = /\n\s+at (?:.*\()?(.+?)\)?$/m.exec(error.stack ?? '')?.[1];
  return `${error.name}: ${error.message.replace(/\s+/g, ' ')}${where ? ` (at ${where})` : ''}`;
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  } catch {
    return String(value);
  }
}
