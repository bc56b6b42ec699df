// How long a failed login takes, for a registered email with a wrong password
// and for an email that matches no account, and what one scrypt hash costs.
// The tests check that both logins run one hash (test/auth.test.ts); this
// script shows what that means in milliseconds on your machine. Run it with
// `pnpm bench` in lessons/07-authentication.
//
//   ROUNDS=15   measured rounds (after two unmeasured ones to warm up)
//
// Everything runs in one process, and the contestants take turns in every
// round, so a moment when the machine is busy slows them alike. The medians
// are what counts; compare the ratios, not the milliseconds, across machines.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SQLiteStore } from '@forum-lessons/session-store';
import { createApp } from '../src/app.ts';
import { SCRYPT_PARAMS, hashPassword, verifyDummy, verifyPassword } from '../src/auth/password.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const WARM_UP = 2;

/** Milliseconds that `work` took. */
async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs every contestant once per round, in turn, and returns each one's times. */
async function rounds<Name extends string>(contestants: Record<Name, () => Promise<unknown>>): Promise<Record<Name, number[]>> {
  const names = Object.keys(contestants) as Name[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Name, number[]>;
  for (let round = 0; round < WARM_UP + ROUNDS; round++) {
    for (const name of names) {
      const ms = await time(contestants[name]);
      if (round >= WARM_UP) times[name].push(ms);
    }
  }
  return times;
}

const ms = (value: number) => `${value.toFixed(1).padStart(6)} ms`;
const row = (label: string, value: number, note = '') => console.log(`  ${label.padEnd(36)}${ms(value)}${note}`);

// The real app on an in-memory database, listening on a free port: each
// login goes through HTTP, the router, the database and the session store.
const db = openDatabase(':memory:');
const sessionStore = new SQLiteStore({ db });
const app = createApp({
  config: loadConfig({ NODE_ENV: 'test' }),
  db,
  sessionStore,
  log: { request: () => {}, error: (entry) => console.error(entry.error) },
  readNotice: async () => ({ message: '', updatedAt: new Date(0).toISOString() }),
});
const server = app.listen(0);
await once(server, 'listening');
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function post(path: string, body: object, expected: number): Promise<void> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  if (res.status !== expected) throw new Error(`${path} answered ${res.status}, expected ${expected}`);
}

// A long random password, so whatever the password rules are, it passes.
const password = randomBytes(24).toString('base64url');
await post('/api/v1/auth/register', { username: 'bench', email: 'bench@example.com', password }, 201);
const hash = await hashPassword(password);

const { N, r, p } = SCRYPT_PARAMS;
console.log(`login-timing: ${ROUNDS} rounds, scrypt N=${N} r=${r} p=${p}, Node ${process.version}, ${availableParallelism()} CPUs`);

const scrypt = await rounds({
  hash: () => hashPassword(password),
  verify: () => verifyPassword('not the password', hash),
  dummy: () => verifyDummy('not the password'),
});
console.log('\nscrypt, median per call:');
row('hashPassword()', median(scrypt.hash));
row('verifyPassword(), wrong password', median(scrypt.verify));
row('verifyDummy()', median(scrypt.dummy), `   ${(median(scrypt.dummy) / median(scrypt.verify)).toFixed(2)} x verifyPassword()`);

const login = await rounds({
  known: () => post('/api/v1/auth/login', { email: 'bench@example.com', password: 'not the password' }, 401),
  unknown: () => post('/api/v1/auth/login', { email: 'nobody@example.com', password: 'not the password' }, 401),
  // For scale: an answer that runs no hash at all (validation fails first).
  noHash: () => post('/api/v1/auth/login', { email: 'nobody@example.com' }, 400),
});
console.log('\nPOST /api/v1/auth/login, median per request:');
row('registered email, wrong password', median(login.known));
row('unknown email', median(login.unknown), `   ${(median(login.unknown) / median(login.known)).toFixed(2)} x registered email`);
row('no password (400, no hash)', median(login.noHash));

server.closeAllConnections();
server.close();
sessionStore.close();
db.close();
