// Runs a lesson's server and restarts it when a source file changes: what
// `pnpm dev` does, at the root and in a lesson folder. It replaces
// `tsx watch`, which kept watching after a server refused to start (a bad
// PORT, a missing production secret, a busy port), so `pnpm dev` never ended.
//
// - The first start must succeed: if the server exits before it prints a line
//   matching `readyPattern`, the watcher exits with the server's exit code.
// - After that, a crash (a syntax error you just saved) keeps the watcher
//   running; the next change to a watched file starts the server again.
// - Ctrl+C, SIGTERM and SIGHUP are passed to the server once; the watcher
//   waits for it to exit and exits 0 when the server stopped cleanly or was
//   ended by that signal. In a terminal, Ctrl+C is read as a key (see
//   terminal-keys.ts) so that pnpm reports nothing; Ctrl+\ kills the server
//   without waiting.
// - If the process that started the watcher goes away (pnpm was sent SIGTERM
//   and its `sh -c` died with it), the watcher stops the server as for SIGTERM
//   instead of leaving it running on its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync, watch as watchFolder, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';
import { readControlKeys } from './terminal-keys.ts';

export interface WatchOptions {
  /** The server's entry file, relative to `cwd`, e.g. `src/server.ts`. */
  entry: string;
  /** The folder the server runs in: a lesson folder. */
  cwd: string;
  /** Folders whose files restart the server when they change (sub-folders included). */
  watchDirs: string[];
  /** A line the server prints once it listens. Default: /listening on http/. */
  readyPattern?: RegExp;
}

/** Files whose change restarts the server; editors' swap and backup files are not among them. */
const sourceFile = /\.(?:[cm]?[jt]s|json)$/;
/** Several saves in a row (an editor's "save all", a formatter) restart once. */
const debounceMs = 100;
/** A server that ignores a signal this long is killed, so the watcher cannot hang. */
const forceKillAfterMs = 15_000;
/** How often the watcher checks that the process that started it is still there. */
const parentCheckMs = 500;
/** tsx runs the TypeScript entry; resolved here so the server's folder needs no tsx of its own. */
const tsxLoader = import.meta.resolve('tsx');

const shutdownSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type ShutdownSignal = (typeof shutdownSignals)[number];

/** Runs the server until it refuses to start or a signal stops it; resolves to the exit code for the watcher. */
export function watchServer(options: WatchOptions): Promise<number> {
  const readyPattern = options.readyPattern ?? /listening on http/;
  const folderWatchers = new Map<string, FSWatcher>();
  let child: ChildProcess | undefined;
  /** True once any run of the server has printed its ready line. */
  let everReady = false;
  /** Set while the current server is being stopped so that a new one can start. */
  let restarting = false;
  let stopping: ShutdownSignal | undefined;
  let debounce: NodeJS.Timeout | undefined;
  let forceKill: NodeJS.Timeout | undefined;
  let done: (code: number) => void = () => {};
  let releaseKeys = () => {};
  // On Linux and macOS an orphan is adopted by another process: its parent id changes.
  const parent = process.ppid;
  const parentCheck = setInterval(() => {
    if (process.ppid !== parent) onSignal('SIGHUP');
  }, parentCheckMs).unref();

  const log = (message: string) => process.stdout.write(`[watch] ${message}\n`);

  function start(): void {
    // detached: the server gets a process group of its own, so a Ctrl+C in the
    // terminal reaches it once, from here, and not a second time directly.
    const server = spawn(process.execPath, ['--import', tsxLoader, options.entry], {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // On Windows, detached would open a console window of its own.
      detached: process.platform !== 'win32',
    });
    child = server;
    let recent = '';
    let ready = false;
    const relay = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      target.write(chunk);
      if (ready) return;
      recent = (recent + chunk.toString('utf8')).slice(-4096);
      if (readyPattern.test(recent)) ready = everReady = true;
    };
    server.stdout!.on('data', relay(process.stdout));
    server.stderr!.on('data', relay(process.stderr));
    server.on('error', (error) => {
      process.stderr.write(`[watch] could not start ${options.entry}: ${error.message}\n`);
      finish(1);
    });
    // 'close' comes after the server's last output, so nothing is cut off.
    server.on('close', (code, signal) => exited(server, code, signal));
  }

  function exited(server: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (server !== child) return;
    child = undefined;
    clearTimeout(forceKill);
    if (stopping) {
      // Stopped by the signal we passed on: a clean stop, unless the server
      // itself reported a failure while closing.
      finish(code !== null && code !== 0 ? code : 0);
    } else if (restarting) {
      restarting = false;
      start();
    } else if (!everReady) {
      // The server refused to start and has said why; watching would only hide that.
      if (code === null || code === 0) {
        process.stderr.write(`[watch] ${options.entry} stopped before it started listening (${signal ?? `exit code ${code}`}).\n`);
      }
      finish(code !== null && code !== 0 ? code : 1);
    } else {
      log(`the server stopped (${signal ?? `exit code ${code}`}). Save a file to start it again; Ctrl+C ends.`);
    }
  }

  function changed(file: string): void {
    if (stopping) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      log(`${relative(options.cwd, file)} changed: restarting`);
      if (!child) return start();
      if (restarting) return;
      restarting = true;
      stopChild('SIGTERM');
    }, debounceMs);
  }

  function stopChild(signal: NodeJS.Signals): void {
    child!.kill(signal);
    const server = child;
    forceKill = setTimeout(() => {
      if (server !== child) return;
      process.stderr.write(`[watch] the server did not stop within ${forceKillAfterMs / 1000} s of ${signal}; killing it.\n`);
      server!.kill('SIGKILL');
    }, forceKillAfterMs);
  }

  function onSignal(signal: ShutdownSignal): void {
    // The terminal and pnpm both deliver one Ctrl+C: pass on the first signal only.
    if (stopping) return;
    stopping = signal;
    clearTimeout(debounce);
    closeFolderWatchers();
    if (!child) return finish(0);
    // A server being stopped for a restart already has its signal.
    if (restarting) return;
    // Servers handle SIGINT and SIGTERM; a closed terminal (SIGHUP) means "stop" too.
    stopChild(signal === 'SIGHUP' ? 'SIGTERM' : signal);
  }

  /** Ctrl+\: the server is not given time to close. */
  function quitNow(): void {
    stopping ??= 'SIGINT';
    clearTimeout(debounce);
    closeFolderWatchers();
    if (!child) return finish(0);
    child.kill('SIGKILL');
  }

  function watchTree(dir: string): void {
    if (folderWatchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watchFolder(dir, (_event, name) => {
        if (!name) return;
        const path = join(dir, name.toString());
        if (isFolder(path) && !ignoredFolder(name.toString())) watchTree(path);
        else if (sourceFile.test(path)) changed(path);
      });
    } catch {
      return; // The folder does not exist (a package without src/): nothing to watch.
    }
    // A watched folder that is deleted reports an error; stop watching it.
    watcher.on('error', () => {
      watcher.close();
      folderWatchers.delete(dir);
    });
    folderWatchers.set(dir, watcher);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !ignoredFolder(entry.name)) watchTree(join(dir, entry.name));
    }
  }

  function closeFolderWatchers(): void {
    for (const watcher of folderWatchers.values()) watcher.close();
    folderWatchers.clear();
  }

  const handlers = shutdownSignals.map((signal) => [signal, () => onSignal(signal)] as const);
  // Whatever ends this process must not leave the server running on its own.
  const killOrphan = () => child?.kill('SIGKILL');

  function finish(code: number): void {
    releaseKeys();
    clearInterval(parentCheck);
    clearTimeout(debounce);
    clearTimeout(forceKill);
    closeFolderWatchers();
    for (const [signal, handler] of handlers) process.off(signal, handler);
    process.off('exit', killOrphan);
    done(code);
  }

  return new Promise((resolve) => {
    done = resolve;
    for (const [signal, handler] of handlers) process.on(signal, handler);
    process.on('exit', killOrphan);
    releaseKeys = readControlKeys({ interrupt: () => onSignal('SIGINT'), quit: quitNow, lost: () => onSignal('SIGHUP') });
    for (const dir of options.watchDirs) watchTree(dir);
    start();
  });
}

/** The `src` folder of every workspace package: lessons import them, so their changes restart a lesson too. */
export function packageSourceDirs(repoRoot: string): string[] {
  const packagesDir = join(repoRoot, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(packagesDir, entry.name, 'src'))
    .filter(isFolder);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function ignoredFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}
