// Option checks shared by the factories in this package. Each failure is a
// TypeError that names the factory, the option and what it expected.

/** Describes a value for an error message: `a string ("x")`, `a number (3)`, `null`. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value} (${String(value)})`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Checks that `options` is undefined or a plain object with only known keys.
 * Catches `app.use(factory)` (the factory itself used as middleware) too.
 */
export function checkOptions(factory: string, options: unknown, known: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (looksLikeRequest(options)) {
    const name = factory.replace('()', '');
    throw new TypeError(`${factory} is a factory: write app.use(${name}()), not app.use(${name})`);
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${factory}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${factory}: unknown option "${key}" (known options: ${known.join(', ')})`);
    }
  }
  return options as Record<string, unknown>;
}

/** True for an IncomingMessage: what a factory receives when it is mounted without being called. */
export function looksLikeRequest(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'method' in value && 'headers' in value && 'socket' in value;
}
