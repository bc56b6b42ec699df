// Sequential ops/s of session stores, the way express-session calls them:
// one call at a time through the callback API, with the same session objects
// for every store. Run with `pnpm bench` in packages/session-store.
//
//   SIZES=1000,100000   stored sessions before measuring (default both)
//   BUDGET_MS=500       time box per cell (each cell also has a cap on calls)
//   ROUNDS=3            rounds, interleaving the contestants; the best round counts
//
// The machine is shared, so one slow moment can halve a cell: every round
// builds each contestant afresh, contestants take turns, and each cell keeps
// its best round.
//
// The peers (connect-sqlite3 with its sqlite3 native module, and the GPL-3.0
// better-sqlite3-session-store) are not dependencies of this package: the
// first run installs them with npm into a cache folder outside the repository
// (see scripts/lib/bench-peers.ts) and later runs load them from there.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import session from 'express-session';
import type { SessionData, Store } from 'express-session';
import { SQLiteStore } from '../src/index.ts';
import { createSchema } from '../src/schema.ts';
import { loadPeers } from '../../../scripts/lib/bench-peers.ts';

const { connectSqlite3, betterSqlite3SessionStore } = loadPeers<Store>();

const SIZES = (process.env.SIZES ?? '1000,100000').split(',').map(Number);
const BUDGET_MS = Number(process.env.BUDGET_MS ?? 500);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const DAY = 86_400_000;
const OPS = ['set', 'get', 'touch', 'destroy', 'length', 'all'] as const;
type Op = (typeof OPS)[number];
/** Most calls per cell; a cell also stops once it has used BUDGET_MS. */
const CAP: Record<Op, number> = { set: 20_000, get: 20_000, touch: 20_000, destroy: 20_000, length: 2_000, all: 200 };
const MIN: Record<Op, number> = { set: 200, get: 200, touch: 200, destroy: 200, length: 5, all: 3 };

type Callback = (error?: unknown) => void;

/** What the bench needs from each contestant, in express-session's calling style. */
interface Contestant {
  name: string;
  set(sid: string, sess: SessionData, cb: Callback): void;
  get(sid: string, cb: Callback): void;
  touch(sid: string, sess: SessionData, cb: Callback): void;
  destroy(sid: string, cb: Callback): void;
  length(cb: Callback): void;
  all(cb: Callback): void;
  close(): Promise<void> | void;
}

// #region sessions
// A realistic logged-in session: a real express-session Cookie (its maxAge is
// a getter, as in production) plus a user, a CSRF secret and a little state.
function makeSession(i: number): SessionData {
  const cookie = new session.Cookie();
  cookie.maxAge = DAY;
  cookie.sameSite = 'lax';
  return {
    cookie,
    user: { id: i, name: `user-${i}`, role: i % 50 === 0 ? 'admin' : 'member' },
    csrfSecret: randomBytes(18).toString('base64url'),
    returnTo: '/posts?page=2',
    flash: [],
  } as unknown as SessionData;
}
// #endregion sessions

const TEMPLATES = Array.from({ length: 1000 }, (_, i) => makeSession(i));
const template = (i: number) => TEMPLATES[i % TEMPLATES.length]!;

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'session-store-bench-'));
}

/** Bulk-loads `sids` into a SQLite file in the row format `insert` writes. */
function prefill(path: string, sql: string, row: (sid: string, i: number) => unknown[], sids: string[]): void {
  const db = new Database(path, { timeout: 10_000 });
  const insert = db.prepare(sql);
  db.transaction(() => sids.forEach((sid, i) => insert.run(...row(sid, i))))();
  // Start every contestant with the bulk load already in the main file, so
  // no one pays for checkpointing it on the clock.
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

// #region contestants
async function ours(sids: string[]): Promise<Contestant> {
  const dir = freshDir();
  const path = join(dir, 'ours.db');
  const store = new SQLiteStore({ db: path });
  prefill(path, 'INSERT INTO sessions (sid, expires, sess) VALUES (?, ?, ?)', (sid, i) => [
    sid,
    Date.now() + DAY,
    JSON.stringify(template(i)),
  ], sids);
  return {
    name: 'SQLiteStore (this package)',
    set: (sid, sess, cb) => store.set(sid, sess, cb),
    get: (sid, cb) => store.get(sid, cb),
    touch: (sid, sess, cb) => store.touch(sid, sess, cb),
    destroy: (sid, cb) => store.destroy(sid, cb),
    length: (cb) => store.length(cb),
    all: (cb) => store.all(cb),
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function memory(sids: string[]): Promise<Contestant> {
  const store = new session.MemoryStore();
  const table = (store as unknown as { sessions: Record<string, string> }).sessions;
  sids.forEach((sid, i) => (table[sid] = JSON.stringify(template(i))));
  return {
    name: 'express-session MemoryStore',
    set: (sid, sess, cb) => store.set(sid, sess, cb),
    get: (sid, cb) => store.get(sid, cb),
    touch: (sid, sess, cb) => store.touch(sid, sess, cb),
    destroy: (sid, cb) => store.destroy(sid, cb),
    length: (cb) => store.length(cb),
    all: (cb) => store.all(cb),
    close: () => {},
  };
}

async function connectSqlite(sids: string[]): Promise<Contestant> {
  const dir = freshDir();
  const Store = connectSqlite3(session);
  const store = new Store({ db: 'connect.db', dir }) as Store & { client: NodeJS.EventEmitter; db: { close(cb: () => void): void } };
  await new Promise((resolve) => store.client.once('connect', resolve));
  prefill(join(dir, 'connect.db'), 'INSERT INTO sessions (sid, expired, sess) VALUES (?, ?, ?)', (sid, i) => [
    sid,
    Date.now() + DAY,
    JSON.stringify(template(i)),
  ], sids);
  return {
    name: 'connect-sqlite3 0.9.18',
    set: (sid, sess, cb) => store.set(sid, sess, cb),
    get: (sid, cb) => store.get(sid, cb),
    touch: (sid, sess, cb) => store.touch!(sid, sess, cb),
    destroy: (sid, cb) => store.destroy(sid, cb),
    length: (cb) => store.length!(cb),
    all: (cb) => store.all!(cb),
    close: async () => {
      await new Promise<void>((resolve) => store.db.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function betterSqlite3Store(sids: string[]): Promise<Contestant> {
  const dir = freshDir();
  const client = new Database(join(dir, 'bss.db'));
  const Store = betterSqlite3SessionStore(session);
  const store = new Store({ client });
  const insert = client.prepare('INSERT INTO sessions (sid, sess, expire) VALUES (?, ?, ?)');
  client.transaction(() =>
    sids.forEach((sid, i) => insert.run(sid, JSON.stringify(template(i)), new Date(Date.now() + DAY).toISOString())),
  )();
  return {
    name: 'better-sqlite3-session-store 0.1.0',
    set: (sid, sess, cb) => store.set(sid, sess, cb),
    get: (sid, cb) => store.get(sid, cb),
    touch: (sid, sess, cb) => store.touch!(sid, sess, cb),
    destroy: (sid, cb) => store.destroy(sid, cb),
    length: (cb) => store.length!(cb),
    all: (cb) => store.all!(cb),
    close: () => {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The floor: the statements a store runs, called directly with no store
// around them. WAL, synchronous=NORMAL, prepared upsert / select / json_set.
async function raw(sids: string[]): Promise<Contestant> {
  const dir = freshDir();
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // The same table as SQLiteStore's, so the ratio measures the store around it.
  createSchema(db, 'sessions');
  const upsert = db.prepare(
    'INSERT INTO sessions (sid, expires, sess) VALUES (?, ?, ?) ON CONFLICT (sid) DO UPDATE SET expires = excluded.expires, sess = excluded.sess',
  );
  const select = db.prepare<[string, number], string>('SELECT sess FROM sessions WHERE sid = ? AND expires > ?').pluck();
  const touch = db.prepare("UPDATE sessions SET expires = ?, sess = json_set(sess, '$.cookie', json(?)) WHERE sid = ? AND expires > ?");
  const remove = db.prepare('DELETE FROM sessions WHERE sid = ?');
  const count = db.prepare<[number], number>('SELECT count(*) FROM sessions WHERE expires > ?').pluck();
  const every = db.prepare<[number], { sid: string; sess: string }>('SELECT sid, sess FROM sessions WHERE expires > ?');
  db.transaction(() => sids.forEach((sid, i) => upsert.run(sid, Date.now() + DAY, JSON.stringify(template(i)))))();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const expiry = (sess: SessionData) => sess.cookie.expires!.getTime();
  return {
    name: 'raw better-sqlite3 statements (floor)',
    set: (sid, sess, cb) => {
      upsert.run(sid, expiry(sess), JSON.stringify(sess));
      cb(null);
    },
    get: (sid, cb) => {
      const text = select.get(sid, Date.now());
      if (text !== undefined) JSON.parse(text);
      cb(null);
    },
    touch: (sid, sess, cb) => {
      touch.run(expiry(sess), JSON.stringify(sess.cookie), sid, Date.now());
      cb(null);
    },
    destroy: (sid, cb) => {
      remove.run(sid);
      cb(null);
    },
    length: (cb) => {
      count.get(Date.now());
      cb(null);
    },
    all: (cb) => {
      const out: Record<string, unknown> = {};
      for (const row of every.all(Date.now())) out[row.sid] = JSON.parse(row.sess);
      cb(null);
    },
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
// #endregion contestants

// #region driver
// Calls `op` one at a time until `max` calls or the time box is used up. A
// store that calls back synchronously is looped, not recursed into.
function drive(max: number, min: number, op: (i: number, done: Callback) => void): Promise<{ ops: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const deadline = start + BUDGET_MS;
    let i = 0;
    const loop = (): void => {
      for (;;) {
        if (i >= max || (i >= min && performance.now() > deadline)) {
          resolve({ ops: i, ms: performance.now() - start });
          return;
        }
        let returned = false;
        let finishedEarly = false;
        op(i++, (error) => {
          if (error) return reject(error);
          if (returned) loop();
          else finishedEarly = true;
        });
        returned = true;
        if (!finishedEarly) return;
      }
    };
    loop();
  });
}
// #endregion driver

interface Cell {
  opsPerSec: number;
  ops: number;
}

async function measure(factory: (sids: string[]) => Promise<Contestant>, size: number): Promise<[string, Record<Op, Cell>]> {
  const sids = Array.from({ length: size }, () => randomBytes(24).toString('base64url'));
  const store = await factory(sids);
  const sid = (i: number) => sids[i % size]!;
  const result = {} as Record<Op, Cell>;
  const record = (op: Op, { ops, ms }: { ops: number; ms: number }) => (result[op] = { ops, opsPerSec: (ops / ms) * 1000 });

  // A short warm-up so no contestant pays for JIT or page cache on the clock.
  await drive(200, 200, (i, done) => store.get(sid(i), done));
  await drive(200, 200, (i, done) => store.set(sid(i), template(i), done));
  (globalThis as { gc?: () => void }).gc?.();

  record('set', await drive(CAP.set, MIN.set, (i, done) => store.set(sid(i), template(i), done)));
  record('get', await drive(CAP.get, MIN.get, (i, done) => store.get(sid(i), done)));
  record(
    'touch',
    await drive(CAP.touch, MIN.touch, (i, done) => {
      // What express-session does before touch: reset the cookie's expiry.
      const sess = template(i);
      sess.cookie.maxAge = sess.cookie.originalMaxAge ?? DAY;
      store.touch(sid(i), sess, done);
    }),
  );
  record('length', await drive(CAP.length, MIN.length, (_i, done) => store.length(done)));
  record('all', await drive(CAP.all, MIN.all, (_i, done) => store.all(done)));
  // Last, because it empties the store; at most half of it.
  record('destroy', await drive(Math.min(CAP.destroy, size / 2), MIN.destroy, (i, done) => store.destroy(sid(i), done)));

  await store.close();
  return [store.name, result];
}

const format = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

async function main(): Promise<void> {
  const contestants = [ours, memory, raw, betterSqlite3Store, connectSqlite];
  console.log(
    `Node ${process.version}, ${SIZES.join(' and ')} stored sessions, ` +
      `best of ${ROUNDS} rounds, time box ${BUDGET_MS} ms per cell\n`,
  );
  const notes: string[] = [];
  for (const size of SIZES) {
    const best = new Map<string, Record<Op, Cell>>();
    for (let round = 0; round < ROUNDS; round++) {
      // Take turns: each round starts with a different contestant.
      for (let k = 0; k < contestants.length; k++) {
        const [name, cells] = await measure(contestants[(k + round) % contestants.length]!, size);
        const kept = best.get(name);
        if (kept === undefined) best.set(name, cells);
        else for (const op of OPS) if (cells[op].opsPerSec > kept[op].opsPerSec) kept[op] = cells[op];
        process.stderr.write(`  round ${round + 1}: measured ${name} with ${size} sessions\n`);
      }
    }
    const rows = [...best.entries()];
    const base = best.get('SQLiteStore (this package)')!;
    console.log(`### ${size.toLocaleString('en-US')} stored sessions (ops/s, ratio to SQLiteStore)\n`);
    console.log(`| store | ${OPS.join(' | ')} |`);
    console.log(`| --- | ${OPS.map(() => '---:').join(' | ')} |`);
    for (const [name, cells] of rows) {
      const values = OPS.map((op) => `${format(cells[op].opsPerSec)} (${(cells[op].opsPerSec / base[op].opsPerSec).toFixed(2)}x)`);
      console.log(`| ${name} | ${values.join(' | ')} |`);
    }
    console.log('');
    const few = rows.flatMap(([name, cells]) =>
      OPS.filter((op) => cells[op].ops < 50).map((op) => `${name} ${op}: ${cells[op].ops} calls`),
    );
    if (few.length > 0) notes.push(`At ${size.toLocaleString('en-US')} sessions these cells ran fewer calls (time box): ${few.join('; ')}.`);

    const cell = (prefix: string, op: Op) => rows.find(([n]) => n.startsWith(prefix))![1][op].opsPerSec;
    notes.push(
      `At ${size.toLocaleString('en-US')}: SQLiteStore set ${(base.set.opsPerSec / cell('raw', 'set')).toFixed(2)}x raw, ` +
        `touch ${(base.touch.opsPerSec / cell('raw', 'touch')).toFixed(2)}x raw, ` +
        `get ${(base.get.opsPerSec / cell('express-session', 'get')).toFixed(2)}x MemoryStore ` +
        `(raw get is ${(cell('raw', 'get') / cell('express-session', 'get')).toFixed(2)}x MemoryStore).`,
    );
  }
  for (const note of notes) console.log(`- ${note}`);
  // better-sqlite3-session-store starts a setInterval it never clears.
  process.exit(0);
}

await main();
