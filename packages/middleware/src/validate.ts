import type { Request, RequestHandler } from 'express';
import createError from 'http-errors';
import {
  checkOptions,
  describeValue,
  fieldErrorFromIssue,
  type FieldError,
  type FieldLocation,
} from '@forum-lessons/error-handler';

/** A zod schema, or anything else with zod's `safeParse`. */
export interface SafeParser<T> {
  safeParse(input: unknown):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

/** A function that returns the parsed value or throws. */
export type ParseFunction<T> = (input: unknown) => T;

export type Parser<T> = SafeParser<T> | ParseFunction<T>;

export interface ValidateSchemas {
  body?: Parser<unknown>;
  query?: Parser<unknown>;
  params?: Parser<unknown>;
}

type Output<P> = P extends SafeParser<infer T> ? T : P extends ParseFunction<infer T> ? T : never;
type Part<S, K extends keyof ValidateSchemas, Fallback> = S extends { [key in K]: infer P } ? Output<P> : Fallback;

/**
 * The middleware validate() returns, with `req.body`, `req.query` and
 * `req.params` typed as the parsed values. Without a params schema,
 * `req.params` is typed `Record<string, string>`: give one to get typed ids.
 */
export type ValidatedHandler<S extends ValidateSchemas> = RequestHandler<
  Part<S, 'params', Record<string, string>>,
  unknown,
  Part<S, 'body', Request['body']>,
  Part<S, 'query', Request['query']>
>;

const locations = ['params', 'query', 'body'] as const;

// #region validate
/**
 * Checks `req.params`, `req.query` and `req.body` against schemas and
 * replaces them with the parsed values (coerced numbers, defaults, trimmed
 * strings). Invalid input becomes a 400 http-error whose `errors` array has
 * one `{ path, message, location }` per problem; nothing reaches the handler.
 * A request without a body is checked as `{}`; a body that no body parser
 * read (its Content-Type is not one the app parses) is a 415.
 *
 * @example
 * router.get('/posts/:id', validate({ params: z.object({ id: z.coerce.number().int().positive() }) }),
 *   (req, res) => res.json(posts.find(req.params.id))); // req.params.id is a number
 */
export function validate<S extends ValidateSchemas>(schemas: S): ValidatedHandler<S> {
  const parsers = readSchemas(schemas);

  return function validateRequest(req, _res, next) {
    const errors: FieldError[] = [];
    const parsed: Partial<Record<FieldLocation, unknown>> = {};

    for (const [location, parser] of parsers) {
      let input: unknown = req[location];
      if (location === 'body' && input === undefined) {
        // Express 5 leaves req.body undefined when no body parser read the
        // body. Bytes that nothing read had a Content-Type no parser takes.
        const unread = unreadBodyError(req);
        if (unread) return next(unread);
        // No body at all: check an empty object, so each required field is named.
        input = {};
      }
      const result = run(parser, input, location);
      if (result.ok) parsed[location] = result.value;
      else errors.push(...result.errors);
    }
    if (errors.length > 0) return next(createError(400, 'Request validation failed', { errors }));

    if ('params' in parsed) req.params = parsed.params as typeof req.params;
    if ('body' in parsed) req.body = parsed.body as typeof req.body;
    // Express 5 computes req.query with a getter on every read, so assigning
    // to it throws. Define an own property that shadows the getter.
    if ('query' in parsed) {
      Object.defineProperty(req, 'query', { value: parsed.query, writable: true, enumerable: true, configurable: true });
    }
    next();
  };
}
// #endregion validate

/**
 * A 415 for a body that is there but was not read: `text/plain`, a form, or
 * JSON sent without `Content-Type: application/json`. Undefined when the
 * request has no body.
 */
function unreadBodyError(req: Request): Error | undefined {
  const length = req.headers['content-length'];
  const hasBytes = req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
  if (!hasBytes) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '') return createError(415, 'The request body has no Content-Type');
  // The type comes from the client: echo it only when it looks like one.
  const named = /^[\w.+-]{1,64}\/[\w.+-]{1,64}$/.test(type) ? ` "${type}"` : '';
  return createError(415, `Unsupported Content-Type${named} for the request body`);
}

type Outcome = { ok: true; value: unknown } | { ok: false; errors: FieldError[] };

// #region run-parser
function run(parser: Parser<unknown>, input: unknown, location: FieldLocation): Outcome {
  const invalid = (issues: readonly unknown[]): Outcome => ({
    ok: false,
    errors: issues.map((issue) => fieldErrorFromIssue(issue, location)),
  });
  if (typeof parser === 'function') {
    try {
      return { ok: true, value: parser(input) };
    } catch (error) {
      // A parse function may throw a ZodError (schema.parse) or any Error.
      const issues = (error as { issues?: unknown }).issues;
      if (Array.isArray(issues)) return invalid(issues);
      const message = error instanceof Error ? error.message : 'Invalid value';
      return { ok: false, errors: [{ path: '', message, location }] };
    }
  }
  const result = parser.safeParse(input);
  return result.success ? { ok: true, value: result.data } : invalid(result.error.issues);
}
// #endregion run-parser

function readSchemas(schemas: unknown): Array<[FieldLocation, Parser<unknown>]> {
  if (schemas === undefined) {
    throw new TypeError('validate(): give at least one of body, query, params, e.g. validate({ body: schema })');
  }
  const given = checkOptions('validate()', schemas, locations);
  const parsers: Array<[FieldLocation, Parser<unknown>]> = [];
  for (const location of locations) {
    const parser = given[location];
    if (parser === undefined) continue;
    const usable =
      typeof parser === 'function' ||
      (typeof parser === 'object' && parser !== null && typeof (parser as { safeParse?: unknown }).safeParse === 'function');
    if (!usable) {
      throw new TypeError(
        `validate(): option "${location}" must be a schema with safeParse (e.g. zod) or a parse function (input) => value, got ${describeValue(parser)}`,
      );
    }
    parsers.push([location, parser as Parser<unknown>]);
  }
  if (parsers.length === 0) {
    throw new TypeError('validate(): give at least one of body, query, params, e.g. validate({ body: schema })');
  }
  return parsers;
}
