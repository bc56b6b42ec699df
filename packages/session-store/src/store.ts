import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import session from 'express-session';
import type { SessionData } from 'express-session';
import { expiresAt } from './expiry.ts';
import { resolveOptions, type ResolvedOptions, type SQLiteStoreOptions } from './options.ts';
import { createSchema, prepareStatements, retryWhileBusy, type Statements } from './schema.ts';

/** Node-style callback: an error, or `null` and the result. */
export type Callback<T = void> = (error: Error | null, result?: T) => void;

/** The error later calls receive once `close()` has been called. */
export class StoreClosedError extends Error {
  readonly code = 'ERR_SESSION_STORE_CLOSED';
  constructor() {
    super('SQLiteStore is closed');
    this.name = 'StoreClosedError';
  }
}

/** Reported (never thrown) when a stored row cannot be read back; the row is deleted. */
export class CorruptSessionError extends Error {
  readonly code = 'ERR_SESSION_CORRUPT';
  readonly sid: string;
  constructor(sid: string, cause: unknown) {
    super(`Session ${JSON.stringify(sid)} could not be parsed and was deleted`, { cause });
    this.name = 'CorruptSessionError';
    this.sid = sid;
  }
}

// #region settle
// Runs `work` (better-sqlite3 is synchronous and throws), then hands the
// outcome to exactly one place: the callback on the next tick, outside any
// try/catch, or a Promise when there is no callback. A callback that throws
// surfaces as that callback's own exception and is never called again.
function settle<T>(callback: Callback<T> | undefined, work: () => T): Promise<T> | undefined {
  let result: T | undefined;
  let failure: Error | undefined;
  try {
    result = work();
  } catch (error) {
    failure = toError(error);
  }
  if (callback === undefined || callback === null) {
    return failure === undefined ? Promise.resolve(result as T) : Promise.reject(failure);
  }
  if (typeof callback !== 'function') {
    return Promise.reject(new TypeError(`SQLiteStore: callback must be a function, got ${typeof callback}`));
  }
  if (failure === undefined) process.nextTick(callback, null, result);
  else process.nextTick(callback, failure);
  return undefined;
}
// #endregion settle

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

function requireSid(sid: unknown): asserts sid is string {
  if (typeof sid !== 'string') throw new TypeError(`SQLiteStore: sid must be a string, got ${typeof sid}`);
}

function requireSession(sess: unknown): asserts sess is object {
  if (sess === null || typeof sess !== 'object') {
    throw new TypeError(`SQLiteStore: session must be an object, got ${sess === null ? 'null' : typeof sess}`);
  }
}

/**
 * An express-session store on better-sqlite3.
 *
 * Every method takes an optional Node-style callback; without one it returns
 * a Promise. No method throws: SQLite errors reach the callback or reject.
 *
 * @example
 * import session from 'express-session';
 * import { SQLiteStore } from '@forum-lessons/session-store';
 *
 * app.use(session({
 *   store: new SQLiteStore({ db: 'sessions.db' }),
 *   secret: process.env.SESSION_SECRET!,
 *   resave: false,
 *   saveUninitialized: false,
 * }));
 */
export class SQLiteStore extends session.Store {
  readonly #options: ResolvedOptions;
  readonly #db: BetterSqlite3.Database;
  readonly #ownsDb: boolean;
  readonly #sql: Statements;
  #closed = false;
  #timer: NodeJS.Timeout | undefined;
  #pruning: Promise<number> | undefined;

  // #region constructor
  constructor(options: SQLiteStoreOptions) {
    super();
    this.#options = resolveOptions(options);
    const { db, table, touchAfter, busyTimeout } = this.#options;

    if (typeof db === 'string') {
      this.#db = new Database(db, { timeout: busyTimeout });
      this.#ownsDb = true;
      try {
        retryWhileBusy(busyTimeout, () => {
          // Tuning is the owner's call: applied only to a connection we opened.
          this.#db.pragma('journal_mode = WAL');
          this.#db.pragma('synchronous = NORMAL');
          createSchema(this.#db, table);
        });
        this.#sql = prepareStatements(this.#db, table, touchAfter);
      } catch (error) {
        this.#db.close();
        throw error;
      }
    } else {
      this.#db = db;
      this.#ownsDb = false;
      retryWhileBusy(Number(db.pragma('busy_timeout', { simple: true })), () => createSchema(db, table));
      this.#sql = prepareStatements(this.#db, table, touchAfter);
    }

    // Ready now. No `connect` event: express-session treats a new store as
    // connected, and a deferred `connect` would undo a `disconnect` emitted
    // before it ran.
    this.#schedulePrune();
  }
  // #endregion constructor

  /** True once `close()` has been called. */
  get closed(): boolean {
    return this.#closed;
  }

  // #region get
  /** Fetches a live session, or `null` when it is missing, expired or unreadable. */
  get(sid: string): Promise<SessionData | null>;
  get(sid: string, callback: Callback<SessionData | null>): void;
  get(sid: string, callback?: Callback<SessionData | null>): Promise<SessionData | null> | void {
    return settle(callback, () => {
      this.#assertOpen();
      requireSid(sid);
      const text = this.#sql.get.get(sid, Date.now());
      return text === undefined ? null : this.#parse(sid, text);
    });
  }
  // #endregion get

  // #region set
  /**
   * Inserts or replaces a session in one atomic upsert. A session whose
   * expiry is already past is deleted instead. The object is never modified.
   */
  set(sid: string, sess: SessionData): Promise<void>;
  set(sid: string, sess: SessionData, callback: Callback): void;
  set(sid: string, sess: SessionData, callback?: Callback): Promise<void> | void {
    return settle(callback, () => {
      this.#assertOpen();
      requireSid(sid);
      requireSession(sess);
      const now = Date.now();
      const expires = expiresAt(sess, now, this.#options.ttl);
      if (expires <= now) {
        this.#sql.destroy.run(sid);
        return;
      }
      this.#sql.set.run(sid, expires, this.#options.serializer.stringify(sess));
    });
  }
  // #endregion set

  /** Deletes a session. Deleting an unknown sid succeeds. */
  destroy(sid: string): Promise<void>;
  destroy(sid: string, callback: Callback): void;
  destroy(sid: string, callback?: Callback): Promise<void> | void {
    return settle(callback, () => {
      this.#assertOpen();
      requireSid(sid);
      this.#sql.destroy.run(sid);
    });
  }

  // #region touch
  /**
   * Moves a live session's expiry and rewrites its stored cookie in one
   * statement. A missing or expired sid is a silent no-op. With
   * `touchAfter`, a move smaller than that many ms writes nothing.
   */
  override touch(sid: string, sess: SessionData): Promise<void>;
  override touch(sid: string, sess: SessionData, callback: Callback): void;
  override touch(sid: string, sess: SessionData, callback?: Callback): Promise<void> | void {
    return settle(callback, () => {
      this.#assertOpen();
      requireSid(sid);
      requireSession(sess);
      const now = Date.now();
      const expires = expiresAt(sess, now, this.#options.ttl);
      const skip = this.#options.touchAfter > 0 ? [expires, this.#options.touchAfter] : [];
      const cookie = (sess as { cookie?: unknown }).cookie;

      if (cookie === undefined) {
        this.#sql.touchExpiry.run(expires, sid, now, ...skip);
      } else if (this.#options.json) {
        try {
          this.#sql.touchCookie.run(expires, JSON.stringify(cookie), sid, now, ...skip);
        } catch (error) {
          // json_set() refuses a row that is not valid JSON: treat it as
          // get() would, by deleting and reporting it.
          if (!/malformed JSON/i.test(toError(error).message)) throw error;
          this.#discardCorrupt(sid, this.#sql.readForUpdate.get(sid, now)?.sess, error);
        }
      } else {
        this.#touchWithSerializer(sid, cookie, expires, now);
      }
    });
  }

  // A custom serializer's format is opaque to SQLite, so the cookie is
  // replaced in JavaScript: a read-modify-write, hence BEGIN IMMEDIATE, which
  // takes the write lock before reading so no other process can slip in.
  #touchWithSerializer(sid: string, cookie: unknown, expires: number, now: number): void {
    this.#db
      .transaction(() => {
        const row = this.#sql.readForUpdate.get(sid, now);
        if (row === undefined) return;
        if (this.#options.touchAfter > 0 && Math.abs(expires - row.expires) < this.#options.touchAfter) return;
        const stored = this.#parse(sid, row.sess);
        if (stored === null) return;
        this.#sql.rewrite.run(expires, this.#options.serializer.stringify({ ...stored, cookie }), sid);
      })
      .immediate();
  }
  // #endregion touch

  /** Every live session, keyed by sid. Unreadable rows are deleted and reported. */
  override all(): Promise<Record<string, SessionData>>;
  override all(callback: Callback<Record<string, SessionData>>): void;
  override all(callback?: Callback<Record<string, SessionData>>): Promise<Record<string, SessionData>> | void {
    return settle(callback, () => {
      this.#assertOpen();
      // No prototype: a sid such as "__proto__" stays an ordinary key.
      const sessions: Record<string, SessionData> = Object.create(null);
      for (const row of this.#sql.all.all(Date.now())) {
        const parsed = this.#parse(row.sid, row.sess);
        if (parsed !== null) sessions[row.sid] = parsed;
      }
      return sessions;
    });
  }

  /** The sids of every live session. */
  ids(): Promise<string[]>;
  ids(callback: Callback<string[]>): void;
  ids(callback?: Callback<string[]>): Promise<string[]> | void {
    return settle(callback, () => {
      this.#assertOpen();
      return this.#sql.ids.all(Date.now());
    });
  }

  /** How many live sessions there are, counted on the expiry index. */
  override length(): Promise<number>;
  override length(callback: Callback<number>): void;
  override length(callback?: Callback<number>): Promise<number> | void {
    return settle(callback, () => {
      this.#assertOpen();
      return this.#sql.length.get(Date.now()) ?? 0;
    });
  }

  /** Deletes every session, live or expired. */
  override clear(): Promise<void>;
  override clear(callback: Callback): void;
  override clear(callback?: Callback): Promise<void> | void {
    return settle(callback, () => {
      this.#assertOpen();
      this.#sql.clear.run();
    });
  }

  // #region prune
  /**
   * Deletes expired rows, `pruneBatchSize` per statement, yielding to the
   * event loop between batches so a large backlog never blocks requests or
   * holds the write lock for long. Concurrent calls share one run. Resolves
   * (or calls back) with the number of rows deleted.
   */
  prune(): Promise<number>;
  prune(callback: Callback<number>): void;
  prune(callback?: Callback<number>): Promise<number> | void {
    const run = this.#closed ? Promise.reject(new StoreClosedError()) : (this.#pruning ??= this.#startPrune());
    if (callback === undefined || callback === null) return run;
    if (typeof callback !== 'function') {
      return Promise.reject(new TypeError(`SQLiteStore: callback must be a function, got ${typeof callback}`));
    }
    // Called from a then() handler, the callback would run inside the
    // promise machinery and a throw would become a rejection; nextTick keeps
    // it an ordinary exception of its own.
    run.then(
      (deleted) => process.nextTick(callback, null, deleted),
      (error: unknown) => process.nextTick(callback, toError(error)),
    );
  }

  // The run is forgotten once it settles, in a handler attached after it is
  // stored: a run of one batch finishes before #pruneInBatches() returns, and
  // clearing it from inside would leave a finished run in place for good.
  #startPrune(): Promise<number> {
    const run = this.#pruneInBatches().finally(() => {
      if (this.#pruning === run) this.#pruning = undefined;
    });
    return run;
  }

  async #pruneInBatches(): Promise<number> {
    const now = Date.now();
    const { pruneBatchSize } = this.#options;
    let deleted = 0;
    while (!this.#closed) {
      const { changes } = this.#sql.prune.run(now, pruneBatchSize);
      deleted += changes;
      if (changes < pruneBatchSize) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return deleted;
  }

  #schedulePrune(): void {
    const { pruneInterval } = this.#options;
    if (pruneInterval === false || this.#closed) return;
    // One timeout at a time, re-armed after each prune finishes, so prunes
    // never overlap; unref() so it never keeps a process or test runner alive.
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.prune().then(
        () => this.#schedulePrune(),
        (error: unknown) => {
          if (!this.#closed) this.#report(toError(error));
          this.#schedulePrune();
        },
      );
    }, pruneInterval);
    this.#timer.unref();
  }
  // #endregion prune

  // #region close
  /**
   * Stops the prune timer, closes the database if the store opened it, and
   * emits `disconnect` before returning. Safe to call more than once: only
   * the first call emits. Later calls to other methods fail with a
   * StoreClosedError through their callback or Promise.
   */
  close(): Promise<void>;
  close(callback: Callback): void;
  close(callback?: Callback): Promise<void> | void {
    const first = !this.#closed;
    this.#closed = true;
    if (first) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    return settle(callback, () => {
      if (!first) return;
      try {
        if (this.#ownsDb) this.#db.close();
      } finally {
        // At once, not on a later tick: express-session must stop using the
        // store before any other code can reach it.
        this.#emitDisconnect();
      }
    });
  }

  // A listener that throws must not turn into a close() failure: its
  // exception is rethrown on its own tick.
  #emitDisconnect(): void {
    try {
      this.emit('disconnect');
    } catch (listenerError) {
      process.nextTick(() => {
        throw listenerError;
      });
    }
  }
  // #endregion close

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  // #region corrupt-rows
  // A row that cannot be parsed would fail every request of its user forever.
  // Treat it as not found, delete it (unless it was rewritten meanwhile) and
  // report it.
  #parse(sid: string, text: string): SessionData | null {
    let value: unknown;
    try {
      value = this.#options.serializer.parse(text);
    } catch (error) {
      this.#discardCorrupt(sid, text, error);
      return null;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.#discardCorrupt(sid, text, new TypeError(`stored session is ${Array.isArray(value) ? 'an array' : typeof value}, not an object`));
      return null;
    }
    return value as SessionData;
  }

  #discardCorrupt(sid: string, text: string | undefined, cause: unknown): void {
    if (text !== undefined) this.#sql.destroyIfUnchanged.run(sid, text);
    this.#report(new CorruptSessionError(sid, cause));
  }

  // Reports go to onError, else to 'error' listeners, else to a process
  // warning: an 'error' event with no listener would crash the process. The
  // report is made before the caller hears back; a hook or listener that
  // throws is rethrown on its own tick instead of failing the store call.
  #report(error: Error): void {
    try {
      if (this.#options.onError) this.#options.onError(error);
      else if (this.listenerCount('error') > 0) this.emit('error', error);
      else process.emitWarning(error);
    } catch (hookError) {
      process.nextTick(() => {
        throw hookError;
      });
    }
  }
  // #endregion corrupt-rows
}
