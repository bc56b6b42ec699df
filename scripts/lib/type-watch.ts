// The lesson's type errors while `pnpm dev` runs. tsx strips types without
// checking them, so a wrong type never stops the server; this runs
// `tsc --watch --noEmit` beside it, at a lower priority, and prints each
// result in a few lines: the restart never waits for it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';

/** One `file(line,col): error TSnnnn: message` line of tsc --pretty false. */
const errorLine = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
/** tsc's line at the end of every (re)check: `Found 2 errors. Watching for file changes.` */
const doneLine = /Found (\d+) errors?\b/;
/** Errors listed in full per check; the rest are counted. */
const shown = 8;

export interface TypeWatch {
  stop: () => void;
}

/**
 * Starts `tsc --watch` on the folder's tsconfig.json; undefined when there is
 * none or when FORUM_TYPECHECK=0. `write` receives whole lines, a report's
 * lines in one call.
 */
export function watchTypes(cwd: string, tscPath: string, write: (line: string) => void, env = process.env): TypeWatch | undefined {
  if (env.FORUM_TYPECHECK === '0' || !existsSync(join(cwd, 'tsconfig.json')) || !existsSync(tscPath)) return undefined;
  const child: ChildProcess = spawn(process.execPath, [tscPath, '--watch', '--noEmit', '--pretty', 'false', '-p', 'tsconfig.json'], {
    cwd,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    // Behind the server: the type check may wait, the restart should not.
    if (child.pid !== undefined) setPriority(child.pid, 10);
  } catch {
    // Not permitted here: it runs at the normal priority.
  }
  let buffered = '';
  let errors: string[] = [];
  let last: number | undefined;
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split(/\r?\n/);
    buffered = lines.pop()!;
    for (const line of lines) {
      const error = errorLine.exec(line.trim());
      if (error) {
        const [, file, row, column, code, message] = error;
        errors.push(`${file}:${row}:${column} ${code} ${message}`);
        continue;
      }
      const done = doneLine.exec(line);
      if (!done) continue;
      const count = Number(done[1]);
      if (count === 0) {
        // Say it once at the start, and when the errors are gone; not after every clean save.
        if (last === undefined) write('[types] no type errors (checked in the background; save to check again)');
        else if (last > 0) write('[types] no type errors');
      } else {
        // One write for the whole report, so that server output cannot land in the middle.
        write(
          [
            `[types] ${count} type error${count === 1 ? '' : 's'} (the server still runs: tsx does not check types)`,
            ...errors.slice(0, shown).map((entry) => `[types]   ${entry}`),
            ...(errors.length > shown ? [`[types]   … and ${errors.length - shown} more: pnpm typecheck`] : []),
          ].join('\n'),
        );
      }
      last = count;
      errors = [];
    }
  });
  child.on('error', () => {});
  return { stop: () => child.kill() };
}
