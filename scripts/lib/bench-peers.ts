// The session stores the benchmarks compare ours with, kept out of the
// workspace. connect-sqlite3 needs the sqlite3 native module (compiled from
// source where no prebuilt binary can be downloaded) and
// better-sqlite3-session-store is GPL-3.0; a learner running `pnpm install`
// should get neither. The first benchmark that needs them installs them with
// npm into a cache folder outside the repository, and every benchmark loads
// them from there: packages/session-store's `pnpm bench` (store calls) and
// lesson 11's `pnpm bench:http` (HTTP requests).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The exact versions measured; sqlite3 is pinned so a failed build is an error, not a skipped optional dependency. */
export const PEER_VERSIONS = {
  'connect-sqlite3': '0.9.18',
  'better-sqlite3-session-store': '0.1.0',
  sqlite3: '5.1.7',
} as const;

/**
 * What both peers export: a function of express-session that returns a Store
 * class. scripts/ does not depend on express-session, so the caller names the
 * Store type: `loadPeers<Store>()`.
 */
export type StoreFactory<S = unknown> = (expressSession: unknown) => new (options: object) => S;

export interface Peers<S = unknown> {
  connectSqlite3: StoreFactory<S>;
  betterSqlite3SessionStore: StoreFactory<S>;
}

/** `${XDG_CACHE_HOME:-~/.cache}/express-forum-lessons/bench-peers` */
export function peersDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'express-forum-lessons', 'bench-peers');
}

// Loads every peer from `dir`, checking versions, and sqlite3's native
// module too (connect-sqlite3 only requires it when a store is built).
function load<S>(dir: string): Peers<S> {
  const require = createRequire(join(dir, 'noop.js'));
  for (const [name, version] of Object.entries(PEER_VERSIONS)) {
    const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string };
    if (manifest.version !== version) throw new Error(`${name} is ${manifest.version}, not ${version}`);
  }
  require('sqlite3');
  return {
    connectSqlite3: require('connect-sqlite3') as StoreFactory<S>,
    betterSqlite3SessionStore: require('better-sqlite3-session-store') as StoreFactory<S>,
  };
}

// A package.json in the cache folder pins the peers and approves sqlite3's
// install script: npm 11 only warns about unapproved scripts, npm 12 skips
// them. The approval is by name (npm matches a pinned "sqlite3@5.1.7" entry
// only when its lockfile records registry URLs); the version is pinned above.
function install(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: 'express-forum-lessons-bench-peers',
    private: true,
    description: 'Peers of the session store benchmarks, installed by scripts/lib/bench-peers.ts.',
    dependencies: PEER_VERSIONS,
    allowScripts: { sqlite3: true },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const args = ['install', '--prefix', dir, '--no-audit', '--no-fund'];
  process.stderr.write(`Installing the benchmark's peers into ${dir} (once; sqlite3 may compile for a few minutes):\n  npm ${args.join(' ')}\n`);
  // npm's output goes to stderr, so stdout keeps only the results.
  const result = spawnSync('npm', args, { stdio: ['ignore', 2, 2] });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`npm install of the benchmark's peers failed with exit code ${result.status}`);
}

/**
 * Returns the peers, installing them first when they are missing, at another
 * version, or built for another Node (the folder is then emptied and
 * installed afresh).
 */
export function loadPeers<S = unknown>(dir = peersDir()): Peers<S> {
  try {
    return load<S>(dir);
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'MODULE_NOT_FOUND';
    const reason = missing ? 'not installed yet' : error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`Benchmark peers in ${dir}: ${reason}\n`);
  }
  for (const entry of ['node_modules', 'package.json', 'package-lock.json']) {
    rmSync(join(dir, entry), { recursive: true, force: true });
  }
  install(dir);
  return load<S>(dir);
}
