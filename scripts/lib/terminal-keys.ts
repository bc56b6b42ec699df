// While `pnpm dev` runs in a terminal, Ctrl+C is read as a key instead of
// letting the terminal send SIGINT to every process in the foreground group.
//
// Why: pnpm runs a script through `sh -c`, and Debian's and Ubuntu's sh
// (dash) dies at once on SIGINT. pnpm then prints "ELIFECYCLE Command
// failed" and gives the prompt back while the server is still closing, however
// cleanly it stops. Read as a key, Ctrl+C reaches only the watcher: it stops
// the server, exits 0, and sh and pnpm exit 0 after it.
//
// Node puts the terminal back the way it was when the process exits.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface KeyHandlers {
  /** Ctrl+C. */
  interrupt(): void;
  /** Ctrl+\: stop now, without waiting for the server. */
  quit(): void;
  /** The terminal can no longer be read: it was closed, or pnpm ended without us. */
  lost(): void;
}

/**
 * Reads Ctrl+C and Ctrl+\ from the terminal until the returned function is
 * called. Does nothing (and returns a no-op) when stdin is not a terminal or
 * the process runs in the background, where changing the terminal would stop it.
 */
export function readControlKeys(handlers: KeyHandlers): () => void {
  const stdin = process.stdin;
  if (!stdin.isTTY || !inForeground()) return () => {};
  const onData = (chunk: Buffer) => {
    for (const byte of chunk) {
      if (byte === 0x03) {
        // What the terminal would have echoed.
        process.stdout.write('^C');
        handlers.interrupt();
      } else if (byte === 0x1c) {
        process.stdout.write('^\\');
        handlers.quit();
      } else if (byte === 0x0d) {
        // Enter still makes a blank line, to set apart the next requests' log.
        process.stdout.write('\n');
      }
    }
  };
  const onError = () => handlers.lost();
  stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.on('error', onError);
  stdin.resume();
  return () => {
    stdin.off('data', onData);
    stdin.off('error', onError);
    stdin.setRawMode(false);
    stdin.pause();
  };
}

/** True when this process's group owns the terminal (not started with `&`). */
function inForeground(): boolean {
  try {
    // Linux: /proc/self/stat has the process group (5th field) and the
    // terminal's foreground group (8th); the command name before them is in
    // parentheses and may contain spaces.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[2] === fields[5];
  } catch {
    // macOS and other systems without /proc.
    const result = spawnSync('ps', ['-o', 'pgid=,tpgid=', '-p', String(process.pid)], { encoding: 'utf8' });
    const [pgid, tpgid] = (result.stdout ?? '').trim().split(/\s+/);
    return pgid !== undefined && pgid !== '' && pgid === tpgid;
  }
}
