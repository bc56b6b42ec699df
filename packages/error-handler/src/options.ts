// Option checks for middleware factories. Each failure is a TypeError that
// names the factory, the option and what it expected. The factories of this
// package and of @forum-lessons/middleware use them, so a mistake reads the
// same whichever package it comes from.

// #region check-options
/**
 * Checks that `options` is undefined or a plain object with only known keys,
 * and returns it as a record to read the options from. Catches
 * `app.use(factory)` (the factory itself used as middleware) too.
 *
 * @example
 * const given = checkOptions('rateLimit()', options, ['limit', 'windowMs']);
 * const { limit = 10 } = given;
 * if (typeof limit !== 'number') {
 *   throw new TypeError(`rateLimit(): option "limit" must be a number, got ${describeValue(limit)}`);
 * }
 */
export function checkOptions(factory: string, options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (looksLikeRequest(options)) {
    const name = factory.replace('()', '');
    throw new TypeError(`${factory} is a factory: write app.use(${name}()), not app.use(${name})`);
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${factory}: options must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${factory}: unknown option "${key}" (known options: ${known.join(', ')})`);
    }
  }
  return options as Record<string, unknown>;
}
// #endregion check-options

/**
 * Describes a value for an error message: `a string ("x")`, `a number (3)`,
 * `an array`, `an object`, `a function`, `null`, `undefined`.
 *
 * @example
 * describeValue('uuid'); // 'a string ("uuid")'
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value} (${String(value)})`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * True for an IncomingMessage: what a factory receives as its first argument
 * when it is mounted without being called (`app.use(factory)`).
 *
 * @example
 * if (looksLikeRequest(role)) throw new TypeError("requireRole() is a factory: write requireRole('admin')");
 */
export function looksLikeRequest(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'method' in value && 'headers' in value && 'socket' in value;
}
