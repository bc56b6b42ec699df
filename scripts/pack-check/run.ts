// Runs the commands of the pack checks (pnpm, npm, node, tsc, attw) and
// fails with their whole output, so a failing check says why.
import { execFile } from 'node:child_process';
import { delimiter, resolve, sep } from 'node:path';
import { repoRoot } from './paths.ts';

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;

  constructor(command: string, cwd: string, exitCode: number | null, stdout: string, stderr: string) {
    super(`${command} (in ${cwd}) exited with code ${exitCode}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
    this.name = 'CommandError';
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }
}

/** Runs a command to completion; rejects with a CommandError on a non-zero exit. */
export function run(command: string, args: string[], { cwd, env = process.env }: RunOptions): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolvePromise({ stdout, stderr });
      const exitCode = typeof error.code === 'number' ? error.code : null;
      if (exitCode === null && typeof error.code === 'string') return reject(error); // ENOENT: not installed
      reject(new CommandError([command, ...args].join(' '), cwd, exitCode, stdout, stderr));
    });
  });
}

/**
 * The environment of someone outside this repository: no `npm_*` settings
 * that pnpm exports to the scripts it runs (the workspace's `.npmrc`
 * included), no NODE_OPTIONS or NODE_ENV from the test runner, and no
 * `node_modules/.bin` of the workspace on the PATH.
 */
export function strangerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const root = resolve(repoRoot) + sep;
  const clean = Object.fromEntries(
    Object.entries(env).filter(([name]) => !/^(npm_|pnpm_|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$|INIT_CWD$|VITEST|TURBO_)/i.test(name)),
  );
  clean.PATH = (env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '' && !resolve(dir).startsWith(root))
    .join(delimiter);
  clean.NO_COLOR = '1';
  return clean;
}
