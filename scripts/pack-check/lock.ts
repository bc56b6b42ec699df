// A lock shared by every process on the machine. `pnpm pack` builds a
// package into its dist/ folder; two test processes packing the same package
// at once (the package's own pack test and the session store's stranger test,
// which packs all three) would write and read the same files at the same time.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The lock folder for `key` (a path: `packages/x/` and `packages/x` are one key), in the system's temporary folder. */
export function lockPath(key: string): string {
  const path = resolve(key);
  const hash = createHash('sha256').update(path).digest('hex').slice(0, 12);
  return join(tmpdir(), `forum-lessons-${basename(path)}-${hash}.lock`);
}

/**
 * Runs `fn` while holding the lock for `key`. The lock is a folder holding
 * the owner's pid; it is created by renaming a finished folder into place,
 * so no one ever sees a lock without its pid. A lock whose process has died
 * is taken over, so a killed test run never blocks the next one.
 */
export async function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const lock = lockPath(key);
  for (;;) {
    const mine = `${lock}.${process.pid}.${randomUUID()}`;
    mkdirSync(mine);
    writeFileSync(join(mine, 'pid'), String(process.pid));
    try {
      renameSync(mine, lock);
      break;
    } catch (error) {
      rmSync(mine, { recursive: true, force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lock);
    if (holder !== undefined && !isAlive(holder)) takeOver(lock, holder);
    else await sleep(100);
  }
  try {
    return await fn();
  } finally {
    release(lock);
  }
}

function readHolder(lock: string): number | undefined {
  try {
    return Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return undefined; // released in the meantime: try again
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Moves a dead process's lock aside. If another waiter took the lock over
// in between, the folder moved is a live one: it goes straight back.
function takeOver(lock: string, deadPid: number): void {
  const aside = `${lock}.stale.${randomUUID()}`;
  try {
    renameSync(lock, aside);
  } catch {
    return;
  }
  if (readHolder(aside) === deadPid) rmSync(aside, { recursive: true, force: true });
  else renameSync(aside, lock);
}

// Renamed away first, then deleted: a lock folder is never empty while it
// is in place, so a rename onto it can never succeed half-way.
function release(lock: string): void {
  const gone = `${lock}.released.${randomUUID()}`;
  try {
    renameSync(lock, gone);
  } catch {
    return;
  }
  rmSync(gone, { recursive: true, force: true });
}
