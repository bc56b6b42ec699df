import type { RequestHandler } from 'express';
import { rateLimit, type Options, type Store } from 'express-rate-limit';
import createError from 'http-errors';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';

// #region rate-limits
/** The limiters the API puts in front of its routes. */
export interface RateLimits {
  /** Every API request, per client address. */
  api: RequestHandler;
  /** POST /auth/login: every attempt per address, then failed attempts per account. */
  login: RequestHandler[];
  /** POST /auth/register: per address. */
  register: RequestHandler;
}

/**
 * express-rate-limit counts requests per key (the client's address by
 * default) in a window, and above the limit answers 429 without running the
 * route. Without `storeFor`, each limiter keeps its counts in its own memory
 * store: one process, one count. With REDIS_URL, app.ts passes `storeFor`,
 * which gives each limiter a store in Redis: every instance adds to the same
 * counts, so two instances do not double the limit.
 */
export function createRateLimits(
  { windowMs, api, login, loginAccount, register }: Config['rateLimits'],
  logger: Logger,
  storeFor?: (identifier: string) => Store,
): RateLimits {
  const minutes = Math.ceil(windowMs / 60_000);
  const limiter = (identifier: string, limit: number, detail: string, options: Partial<Options> = {}) =>
    rateLimit({
      windowMs,
      limit,
      // The policy's name in the RateLimit headers, which list every limit
      // the request counted against: `"login"; r=4; t=880`.
      identifier,
      // The `RateLimit` and `RateLimit-Policy` headers of the IETF draft
      // (draft 8), on every answer, and `Retry-After` on a 429. Not the
      // older, unstandardised X-RateLimit-* ones.
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // A 429 is an error like any other: the error handler answers it as
      // problem details. The headers are already set by then.
      handler: (_req, _res, next) => next(createError(429, detail)),
      // The library's warnings about its own configuration (trust proxy
      // and X-Forwarded-For, say) go into the app's log.
      logger: {
        warn: (error, message) => logger.warn({ err: error }, message ?? 'express-rate-limit'),
        error: (error, message) => logger.error({ err: error }, message ?? 'express-rate-limit'),
      },
      ...(storeFor === undefined ? {} : { store: storeFor(identifier) }),
      ...options,
    });

  return {
    api: limiter('api', api, `Too many requests from this address. Try again in ${minutes} minutes.`),
    login: [
      // Per address: one machine guessing many accounts' passwords.
      limiter('login', login, `Too many login attempts from this address. Try again in ${minutes} minutes.`),
      // Per account: many machines guessing one account's password. Only
      // failures count, so the real user's own logins never lock them out.
      limiter('login-account', loginAccount, `Too many failed logins for this account. Try again in ${minutes} minutes.`, {
        keyGenerator: (req) => `account:${accountOf(req.body)}`,
        // A body without an email is refused by validation (400); it names no account to count.
        skip: (req) => accountOf(req.body) === undefined,
        skipSuccessfulRequests: true,
      }),
    ],
    register: limiter('register', register, `Too many accounts registered from this address. Try again in ${minutes} minutes.`),
  };
}

/** The email a login names, as the account is stored: trimmed and lowercased. */
function accountOf(body: unknown): string | undefined {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.trim() !== '' ? email.trim().toLowerCase() : undefined;
}
// #endregion rate-limits
