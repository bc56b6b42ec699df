import { statusTitle } from './status.ts';

/** The media type of every error answer (RFC 9457, section 3). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

// #region types
/** Where a field that failed validation came from. */
export type FieldLocation = 'body' | 'query' | 'params';

/** One problem with one field of the request. */
export interface FieldError {
  /** Dotted path to the field, e.g. `email` or `tags.0`; `''` for the whole input. */
  path: string;
  /** What is wrong, in words a client can show to a person. */
  message: string;
  /** The part of the request that holds the field. */
  location: FieldLocation;
}

/** The body of every error answer: RFC 9457 problem details plus two members of our own. */
export interface ProblemDetails {
  /** Always `about:blank`: the status code says what kind of problem it is. */
  type: string;
  /** The HTTP status text, e.g. `Not Found`. */
  title: string;
  /** The HTTP status code, repeated for clients that only see the body. */
  status: number;
  /** What went wrong, for the client. 5xx answers carry a generic sentence. */
  detail: string;
  /** The request path, without the query string. */
  instance?: string;
  /** The id of the request (`req.id`), to find its log lines. */
  requestId?: string;
  /** One entry per invalid field (400 answers to invalid input). */
  errors?: FieldError[];
  /** Any other extension member, e.g. `limit` on a 413. */
  [extension: string]: unknown;
}
// #endregion types

// #region problem
/**
 * Builds a problem-details object. `title` comes from the status code.
 *
 * @example
 * res.status(429).type(PROBLEM_CONTENT_TYPE)
 *   .send(problem(429, 'Too many login attempts. Try again in a minute.', { instance: req.path }));
 */
export function problem(status: number, detail: string, extras: Partial<ProblemDetails> = {}): ProblemDetails {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new TypeError(`problem(): status must be an integer from 400 to 599, got ${String(status)}`);
  }
  if (typeof detail !== 'string') {
    throw new TypeError(`problem(): detail must be a string, got ${typeof detail}`);
  }
  return { type: 'about:blank', title: statusTitle(status), status, detail, ...extras };
}
// #endregion problem
