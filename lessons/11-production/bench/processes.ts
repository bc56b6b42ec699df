// Starting and stopping the servers the benchmarks measure, each in a child
// process with a fresh temporary database, and reading a child's memory.
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BENCH_ADMIN_EMAIL } from './client.ts';
import type { StoreName } from './stores.ts';

const lessonDir = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 60_000;

/**
 * The settings every measured server gets: the rate limits out of the way
 * (the benchmark measures the app, not a 429), no log line per request, and
 * the same for every store. NODE_ENV=development because production refuses
 * the memory store; the two differ here only in the cookie's Secure flag.
 */
export function benchEnv(databasePath: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const huge = '999999999999';
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
    NODE_ENV: 'development',
    DATABASE_PATH: databasePath,
    ADMIN_EMAIL: BENCH_ADMIN_EMAIL,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-42',
    API_RATE_LIMIT: huge,
    LOGIN_RATE_LIMIT: huge,
    LOGIN_ACCOUNT_RATE_LIMIT: huge,
    REGISTER_RATE_LIMIT: huge,
    LOG_REQUESTS: 'false',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

export interface RunningServer {
  baseUrl: string;
  pid: number;
  child: ChildProcess;
  /** Stops the process and deletes its temporary folder. Resolves with its exit code. */
  stop(): Promise<number | null>;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'forum-bench-'));
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function failOnEarlyExit(child: ChildProcess, what: string): Promise<never> {
  return new Promise((_resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`${what} exited before listening (code ${code}, signal ${signal})`)));
  });
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** bench/serve.ts with `store`, on a temporary database, listening on 127.0.0.1. */
export async function startBenchServer(store: StoreName, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dir = tempDir();
  // `node --import tsx`, not the tsx binary: the pid is then the app's own.
  const child = fork(join(lessonDir, 'bench/serve.ts'), [], {
    cwd: lessonDir,
    execArgv: ['--import', 'tsx'],
    env: benchEnv(join(dir, 'forum.db'), { BENCH_STORE: store, ...extraEnv }),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const what = `bench/serve.ts (${store})`;
  try {
    const port = await withTimeout(
      Promise.race([
        new Promise<number>((resolve) => child.once('message', (message: { port: number }) => resolve(message.port))),
        failOnEarlyExit(child, what),
      ]),
      what,
    );
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      pid: child.pid!,
      child,
      async stop() {
        const done = exited(child);
        if (child.connected) child.disconnect();
        const code = await done;
        rmSync(dir, { recursive: true, force: true });
        return code;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A line that pino wrote, as far as the benchmarks look at it. */
export interface LogLine {
  level: number;
  msg?: string;
  port?: number;
  [key: string]: unknown;
}

export interface LessonServer extends RunningServer {
  /** Log lines at level error (50) or above that the server wrote. */
  errorLines: LogLine[];
  /** SIGTERM, then waits for the graceful shutdown; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * src/server.ts itself, as `pnpm start` runs it, on a temporary database and
 * a free port (PORT=0), with `benchEnv` settings. The port comes from its
 * "listening" log line.
 */
export async function startLessonServer(extraEnv: Record<string, string> = {}): Promise<LessonServer> {
  const dir = tempDir();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: lessonDir,
    env: benchEnv(join(dir, 'forum.db'), { PORT: '0', SESSION_STORE: 'sqlite', LOG_LEVEL: 'info', ...extraEnv }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const errorLines: LogLine[] = [];
  const what = 'src/server.ts';
  const port = new Promise<number>((resolve) => {
    // Read every line for as long as the server runs, so its output never blocks it.
    createInterface({ input: child.stdout! }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        return;
      }
      if (typeof line.port === 'number' && line.msg?.startsWith('listening')) resolve(line.port);
      if (line.level >= 50) errorLines.push(line);
    });
  });
  try {
    const listening = await withTimeout(Promise.race([port, failOnEarlyExit(child, what)]), what);
    return {
      baseUrl: `http://127.0.0.1:${listening}`,
      pid: child.pid!,
      child,
      errorLines,
      async stop() {
        const done = exited(child);
        child.kill('SIGTERM');
        const code = await done;
        rmSync(dir, { recursive: true, force: true });
        return code;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A process's resident set size in kilobytes, from /proc (Linux), else `ps`. */
export function rssKb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: ask ps below.
  }
  const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  if (!Number.isFinite(kb) || kb <= 0) throw new Error(`could not read the memory of process ${pid}`);
  return kb;
}
