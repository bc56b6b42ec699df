import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { checkOptions, describeValue } from '@forum-lessons/error-handler';

export interface RequestIdOptions {
  /** The request and response header that carries the id. Default `X-Request-Id`. */
  header?: string;
  /** Makes a fresh id. Default `crypto.randomUUID()`. */
  generate?: (req: Request) => string;
  /** Reuse a sane id the client or a proxy sent. Default `true`. */
  trustIncoming?: boolean;
}

/**
 * An incoming id is reused only when it is 1–128 letters, digits and
 * `-_.:@`; anything else (too long, spaces, control characters that would end
 * up in log lines) is replaced by a fresh one.
 */
export const SAFE_REQUEST_ID = /^[\w.:@-]{1,128}$/;

const headerName = /^[!#$%&'*+.^`|~\w-]+$/;

// #region request-id
/**
 * Gives every request an id: `req.id` for your code and log lines, and the
 * same value in the response header so a client can quote it.
 *
 * @example
 * app.use(requestId());
 * app.get('/', (req, res) => res.json({ id: req.id }));
 */
export function requestId(options?: RequestIdOptions): RequestHandler {
  const { header, generate, trustIncoming } = readOptions(options);

  return function assignRequestId(req, res, next) {
    const incoming = trustIncoming ? req.get(header) : undefined;
    const id = incoming !== undefined && SAFE_REQUEST_ID.test(incoming) ? incoming : generate(req);
    if (typeof id !== 'string' || id === '') {
      throw new TypeError(`requestId(): option "generate" must return a non-empty string, got ${describeValue(id)}`);
    }
    req.id = id;
    res.setHeader(header, id);
    next();
  };
}
// #endregion request-id

function readOptions(options: RequestIdOptions | undefined): Required<RequestIdOptions> {
  const given = checkOptions('requestId()', options, ['header', 'generate', 'trustIncoming']);
  const { header = 'X-Request-Id', generate = () => randomUUID(), trustIncoming = true } = given;
  if (typeof header !== 'string' || !headerName.test(header)) {
    throw new TypeError(`requestId(): option "header" must be a header name such as "X-Request-Id", got ${describeValue(header)}`);
  }
  if (typeof generate !== 'function') {
    throw new TypeError(`requestId(): option "generate" must be a function (req) => string, got ${describeValue(generate)}`);
  }
  if (typeof trustIncoming !== 'boolean') {
    throw new TypeError(`requestId(): option "trustIncoming" must be a boolean, got ${describeValue(trustIncoming)}`);
  }
  return { header, generate: generate as Required<RequestIdOptions>['generate'], trustIncoming };
}
