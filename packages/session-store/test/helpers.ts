// Shared by the test files: fresh temporary files and stores that clean up
// after the test that made them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { SessionData } from 'express-session';
import { onTestFinished, vi } from 'vitest';
import { SQLiteStore, type SQLiteStoreOptions } from '../src/index.ts';

export const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** A path in a fresh temporary directory, removed when the test ends. */
export function tempPath(name = 'sessions.db'): string {
  const dir = mkdtempSync(join(tmpdir(), 'session-store-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, name);
}

/** A store closed when the test ends; `db` defaults to ':memory:'. */
export function openStore(options: Partial<SQLiteStoreOptions> = {}): SQLiteStore {
  const store = new SQLiteStore({ db: ':memory:', pruneInterval: false, ...options });
  onTestFinished(() => {
    store.close();
  });
  return store;
}

/**
 * A store on a Database the test holds too, so the test can look at rows the
 * way SQLite has them. Corruption reports go to the returned `onError` spy.
 */
export function storeWithDb(options: Partial<SQLiteStoreOptions> = {}) {
  const db = new Database(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const onError = vi.fn<(error: Error) => void>();
  const store = openStore({ db, onError, ...options });
  const row = (sid: string) =>
    db.prepare<[string], { sid: string; expires: number; sess: string }>('SELECT * FROM sessions WHERE sid = ?').get(sid);
  return { db, store, onError, row };
}

/** A session whose cookie expires `ms` from now, shaped like express-session's JSON. */
export function sessionFor(ms: number, data: Record<string, unknown> = {}): SessionData {
  return {
    cookie: { originalMaxAge: ms, expires: new Date(Date.now() + ms), httpOnly: true, path: '/' },
    ...data,
  } as unknown as SessionData;
}

/**
 * One turn of the event loop: resolves once every tick, microtask and
 * already-due callback queued before it has run. It waits for work, not for
 * time.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Stops `Date` at the current time for the rest of the test, so expiry
 * depends on `advance(ms)` and never on how long the machine took. Only
 * `Date` is faked: nextTick, setImmediate and I/O (better-sqlite3, supertest)
 * run as usual.
 */
export function frozenClock() {
  vi.useFakeTimers({ toFake: ['Date'] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
  return {
    advance(ms: number): void {
      vi.setSystemTime(Date.now() + ms);
    },
  };
}

/**
 * Fakes `setTimeout`, `clearTimeout` and `Date`, so the prune timer fires
 * when the test moves the clock (`vi.advanceTimersByTimeAsync`) and never on
 * its own. setImmediate, nextTick and Promises stay real.
 */
export function fakeTimers(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
}
