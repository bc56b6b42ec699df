import type { KnownError } from './known-errors.ts';

// #region body-parser-errors
/**
 * Errors from express.json() and the other body-parser middleware carry a
 * `type` property. These four are the client's fault and worth a clear answer;
 * body-parser's other errors already carry a fitting status and message.
 */
export function fromBodyParserError(err: Record<string, unknown>): KnownError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      // express.json() is strict by default: `"hi"`, `42` or `null` parse as
      // JSON but are refused because they are neither an object nor an array.
      return isJson(err.body)
        ? { status: 400, detail: 'The JSON request body must be an object or an array' }
        : { status: 400, detail: 'Malformed JSON in request body' };
    case 'entity.too.large': {
      const limit = typeof err.limit === 'number' ? err.limit : undefined;
      return limit === undefined
        ? { status: 413, detail: 'Request body is too large' }
        : { status: 413, detail: `Request body is too large; the limit is ${formatBytes(limit)}`, extensions: { limit } };
    }
    case 'charset.unsupported':
      return { status: 415, detail: `Unsupported charset${quoted(err.charset)} in Content-Type; send UTF-8` };
    case 'encoding.unsupported':
      return { status: 415, detail: `Unsupported Content-Encoding${quoted(err.encoding)}` };
    default:
      return undefined;
  }
}
// #endregion body-parser-errors

function isJson(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

// The value comes from the client's own headers; echo it only when it looks
// like a charset or encoding name.
function quoted(value: unknown): string {
  return typeof value === 'string' && /^[\w.:-]{1,40}$/.test(value) ? ` "${value}"` : '';
}

/** 102400 → `100kb`, the notation of express.json({ limit: '100kb' }). */
export function formatBytes(bytes: number): string {
  const units = ['b', 'kb', 'mb', 'gb'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toFixed(2))}${units[unit]}`;
}
