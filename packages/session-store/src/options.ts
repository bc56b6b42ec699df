import type BetterSqlite3 from 'better-sqlite3';

/** Turns a session into the text stored in the `sess` column and back. */
export interface Serializer {
  stringify(value: unknown): string;
  parse(text: string): unknown;
}

/** The options `new SQLiteStore(options)` accepts. Only `db` is required. */
export interface SQLiteStoreOptions {
  /**
   * A file path, `':memory:'`, or an open better-sqlite3 `Database`. The store
   * tunes (WAL, busy timeout, synchronous=NORMAL) and closes only a database
   * it opened itself from a path.
   */
  db: string | BetterSqlite3.Database;
  /** Table name; must match {@link TABLE_PATTERN}. Default `'sessions'`. */
  table?: string;
  /** Lifetime in ms of a session whose cookie has no expiry. Default one day. */
  ttl?: number;
  /** Ms between automatic prunes of expired rows, or `false` for none. Default 15 minutes. */
  pruneInterval?: number | false;
  /** Rows deleted per statement while pruning. Default 1000. */
  pruneBatchSize?: number;
  /** Skip a `touch` write when the expiry moved by less than this many ms. Default 0 (always write). */
  touchAfter?: number;
  /** How sessions become text. Default `JSON`. */
  serializer?: Serializer;
  /** Ms a write waits for another connection's lock (owned connections only). Default 5000. */
  busyTimeout?: number;
  /** Receives problems no caller is waiting for: corrupt rows, failed background prunes. */
  onError?: (error: Error) => void;
}

/** Every option after validation, with its default filled in. */
export interface ResolvedOptions {
  db: string | BetterSqlite3.Database;
  table: string;
  ttl: number;
  pruneInterval: number | false;
  pruneBatchSize: number;
  touchAfter: number;
  serializer: Serializer;
  /** True when `serializer` is plain JSON, so SQLite's JSON functions can edit the stored text. */
  json: boolean;
  busyTimeout: number;
  onError: ((error: Error) => void) | undefined;
}

// #region defaults
/** A table name: a letter or underscore, then up to 62 letters, digits or underscores. */
export const TABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export const DEFAULTS = {
  table: 'sessions',
  ttl: 24 * 60 * 60 * 1000,
  pruneInterval: 15 * 60 * 1000,
  pruneBatchSize: 1000,
  touchAfter: 0,
  busyTimeout: 5000,
} as const;

/** The default serializer. */
export const jsonSerializer: Serializer = { stringify: JSON.stringify, parse: JSON.parse };
// #endregion defaults

// setTimeout() fires at once for delays above this (a 32-bit signed int).
const MAX_TIMER_DELAY = 2 ** 31 - 1;

const KNOWN = new Set([
  'db',
  'table',
  'ttl',
  'pruneInterval',
  'pruneBatchSize',
  'touchAfter',
  'serializer',
  'busyTimeout',
  'onError',
]);

// #region validate-options
/**
 * Checks every option once, at construction, and fills in defaults. A bad
 * option throws a `TypeError` that names it and says what was expected.
 */
export function resolveOptions(options: SQLiteStoreOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`SQLiteStore options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) {
      throw new TypeError(`SQLiteStore has no option "${key}"; known options: ${[...KNOWN].join(', ')}`);
    }
  }

  const { db } = options;
  if (typeof db === 'string') {
    if (db === '') throw optionError('db', 'a file path, ":memory:" or an open better-sqlite3 Database', db);
  } else if (!isDatabase(db)) {
    throw optionError('db', 'a file path, ":memory:" or an open better-sqlite3 Database', db);
  } else if (!db.open) {
    throw optionError('db', 'an open better-sqlite3 Database', db);
  } else if (db.readonly) {
    throw optionError('db', 'a writable better-sqlite3 Database', db);
  }

  const table = options.table === undefined ? DEFAULTS.table : options.table;
  if (typeof table !== 'string' || !TABLE_PATTERN.test(table) || /^sqlite_/i.test(table)) {
    throw optionError('table', `a name matching ${TABLE_PATTERN} that does not start with "sqlite_"`, table);
  }

  const ttl = options.ttl === undefined ? DEFAULTS.ttl : options.ttl;
  if (!isPositiveInteger(ttl)) throw optionError('ttl', 'a positive whole number of milliseconds', ttl);

  const pruneInterval = options.pruneInterval === undefined ? DEFAULTS.pruneInterval : options.pruneInterval;
  if (pruneInterval !== false && !(isPositiveInteger(pruneInterval) && pruneInterval <= MAX_TIMER_DELAY)) {
    throw optionError('pruneInterval', `false or a whole number of milliseconds from 1 to ${MAX_TIMER_DELAY}`, pruneInterval);
  }

  const pruneBatchSize = options.pruneBatchSize === undefined ? DEFAULTS.pruneBatchSize : options.pruneBatchSize;
  if (!isPositiveInteger(pruneBatchSize)) throw optionError('pruneBatchSize', 'a positive whole number', pruneBatchSize);

  const touchAfter = options.touchAfter === undefined ? DEFAULTS.touchAfter : options.touchAfter;
  if (!isNonNegativeInteger(touchAfter)) throw optionError('touchAfter', 'a whole number of milliseconds, 0 or more', touchAfter);

  const serializer = options.serializer === undefined ? jsonSerializer : options.serializer;
  if (
    serializer === null ||
    typeof serializer !== 'object' ||
    typeof serializer.stringify !== 'function' ||
    typeof serializer.parse !== 'function'
  ) {
    throw optionError('serializer', 'an object with stringify(value) and parse(text) functions', serializer);
  }
  const json = serializer.stringify === JSON.stringify && serializer.parse === JSON.parse;

  const busyTimeout = options.busyTimeout === undefined ? DEFAULTS.busyTimeout : options.busyTimeout;
  if (!isNonNegativeInteger(busyTimeout)) throw optionError('busyTimeout', 'a whole number of milliseconds, 0 or more', busyTimeout);
  if (options.busyTimeout !== undefined && typeof db !== 'string') {
    throw optionError('busyTimeout', 'left out when db is a Database you opened (pass `timeout` to its constructor instead)', busyTimeout);
  }

  const { onError } = options;
  if (onError !== undefined && typeof onError !== 'function') {
    throw optionError('onError', 'a function', onError);
  }

  return { db, table, ttl, pruneInterval, pruneBatchSize, touchAfter, serializer, json, busyTimeout, onError };
}
// #endregion validate-options

function optionError(name: string, expected: string, got: unknown): TypeError {
  return new TypeError(`SQLiteStore option "${name}" must be ${expected}, got ${describe(got)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return String(value);
  if (isDatabase(value)) return !value.open ? 'a closed Database' : value.readonly ? 'a read-only Database' : 'a Database';
  return 'an object';
}

function isPositiveInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

function isNonNegativeInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isDatabase(value: unknown): value is BetterSqlite3.Database {
  // Duck-typed rather than `instanceof`, so a Database from another copy of
  // better-sqlite3 in node_modules is accepted too.
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<BetterSqlite3.Database>;
  return (
    typeof candidate.prepare === 'function' &&
    typeof candidate.transaction === 'function' &&
    typeof candidate.pragma === 'function' &&
    typeof candidate.open === 'boolean'
  );
}
