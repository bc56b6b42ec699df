// Structured logs: one JSON object per line, which a log collector can search
// by field (status, duration, request id) instead of parsing text.
import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import type { RequestHandler } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.ts';

// #region redact
/**
 * What never reaches a log line, wherever it appears: the session cookie a
 * request carries, an Authorization header, and a password in any object
 * logged (an error's details included). pino replaces each with
 * "[Redacted]" before it writes the line. (The cookie an answer sets never
 * gets there: a request entry keeps only the answer's status.)
 */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'password',
  '*.password',
  '*.*.password',
  'passwordHash',
  '*.passwordHash',
];
// #endregion redact

// #region create-logger
/**
 * The app's one logger. server.ts writes to standard output, where a process
 * manager or a container runtime collects the lines; tests pass a stream that
 * keeps them.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino({ level: config.logLevel, redact: { paths: redactPaths }, base: undefined }, destination);
}
// #endregion create-logger

// #region http-logger
/**
 * One entry per finished request, from pino-http: the request (id, method,
 * URL, headers without the redacted ones), the status and `responseTime` in
 * milliseconds. The id is the one requestId() gave the request, so the entry,
 * the X-Request-Id header and an error answer all quote the same one.
 */
export function httpLogger(logger: Logger, enabled: boolean): RequestHandler {
  return pinoHttp({
    logger,
    autoLogging: enabled,
    genReqId: (req) => (req as { id?: string }).id ?? '',
    // The answer's status is what a log search needs; its headers (the whole
    // Content-Security-Policy among them) would make every entry 2 KB.
    serializers: { res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
    // A 4xx is the client's mistake, a 5xx ours: warn and error, so an alert
    // can watch the level alone.
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${(req as { originalUrl?: string }).originalUrl ?? req.url} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${(req as { originalUrl?: string }).originalUrl ?? req.url} ${res.statusCode}`,
  });
}
// #endregion http-logger

/** The error handlers' log function: each 5xx, with the error itself, as one entry. */
export function logErrorTo(logger: Logger): (entry: ErrorLogEntry) => void {
  return ({ error, level, ...fields }) => logger[level]({ ...fields, err: error }, 'request failed');
}
