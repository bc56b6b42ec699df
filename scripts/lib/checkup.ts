// The checks behind `pnpm checkup`: what a learner's first hour trips on,
// each with a one-line fix. Core checks fail the command; optional ones
// (a browser for the docs check, the services of later lessons) warn.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { join } from 'node:path';
import { listLessons, repoRoot, type Lesson } from './lessons.ts';

export type Outcome = 'ok' | 'fail' | 'warn' | 'info';

export interface CheckResult {
  name: string;
  outcome: Outcome;
  /** What was found. */
  detail: string;
  /** One line that fixes it, when the outcome is fail or warn. */
  fix?: string;
}

export interface CheckupInputs {
  root: string;
  /** The running Node's version, e.g. `20.20.2`. */
  nodeVersion: string;
  /** The pnpm version that started the command (from npm_config_user_agent), if any. */
  pnpmVersion: string | undefined;
  /** The port `pnpm dev` listens on unless PORT says otherwise. */
  port: number;
  chromiumPath: string;
  /** Other ports to ask PostgreSQL and Redis on than 5432 and 6379: for the tests. */
  servicePorts?: Partial<Record<'PostgreSQL' | 'Redis', number>>;
}

export function inputsFromEnvironment(env: NodeJS.ProcessEnv = process.env, root = repoRoot): CheckupInputs {
  const agent = /\bpnpm\/(\d+\.\d+\.\d+\S*)/.exec(env.npm_config_user_agent ?? '');
  const port = /^\d+$/.test(env.PORT ?? '') ? Number(env.PORT) : 3000;
  return {
    root,
    nodeVersion: process.versions.node,
    pnpmVersion: agent?.[1] ?? pnpmOnPath(),
    port,
    chromiumPath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  };
}

function pnpmOnPath(): string | undefined {
  const result = spawnSync('pnpm', ['--version'], { encoding: 'utf8', timeout: 10_000, shell: process.platform === 'win32' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

// A version range as `engines` writes it here: space-separated comparators (`>=20.19.0 <25`).
export function satisfies(version: string, range: string): boolean {
  const parse = (text: string) => text.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  const have = parse(version);
  return range
    .trim()
    .split(/\s+/)
    .every((comparator) => {
      const match = /^(>=|<=|>|<|=)?(.+)$/.exec(comparator);
      if (!match) return false;
      const order = compare(have, parse(match[2]!));
      switch (match[1]) {
        case '>=':
          return order >= 0;
        case '>':
          return order > 0;
        case '<=':
          return order <= 0;
        case '<':
          return order < 0;
        default:
          return order === 0;
      }
    });
}

function rootPackage(root: string): { engines?: { node?: string }; packageManager?: string } {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
}

export function checkNode({ root, nodeVersion }: CheckupInputs): CheckResult {
  const range = rootPackage(root).engines?.node ?? '*';
  if (range === '*' || satisfies(nodeVersion, range)) return { name: 'Node.js', outcome: 'ok', detail: `${nodeVersion} (needs ${range})` };
  return {
    name: 'Node.js',
    outcome: 'fail',
    detail: `${nodeVersion}, but the course needs ${range}`,
    fix: 'Install Node.js 20 (with nvm: `nvm install` in the repository, which reads .nvmrc), then `pnpm install`.',
  };
}

export function checkPnpm({ root, pnpmVersion }: CheckupInputs): CheckResult {
  const wanted = /^pnpm@(.+)$/.exec(rootPackage(root).packageManager ?? '')?.[1];
  if (wanted === undefined) return { name: 'pnpm', outcome: 'ok', detail: pnpmVersion ?? 'not pinned' };
  if (pnpmVersion === wanted) return { name: 'pnpm', outcome: 'ok', detail: pnpmVersion };
  return {
    name: 'pnpm',
    outcome: 'fail',
    detail: pnpmVersion === undefined ? `not found (the course uses ${wanted})` : `${pnpmVersion}, but the course uses ${wanted}`,
    fix: `npm install -g pnpm@${wanted}`,
  };
}

/** A lesson folder whose node_modules holds better-sqlite3: where the native module is loaded from. */
function sqliteLesson(root: string): Lesson | undefined {
  return listLessons(root).find((lesson) => existsSync(join(lesson.dir, 'node_modules', 'better-sqlite3')));
}

/** The one-line fix for what loading better-sqlite3 printed. */
export function sqliteFix(message: string): string {
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)) {
    return 'It was built for another Node.js version: `pnpm rebuild better-sqlite3`.';
  }
  if (/Could not locate the bindings file/.test(message)) {
    return 'Its build script did not run: `pnpm rebuild better-sqlite3` and read its output (it needs python3, make and g++ when no prebuilt binary fits).';
  }
  return '`pnpm install`, then `pnpm rebuild better-sqlite3` and read its output.';
}

export function checkSqlite({ root }: CheckupInputs): CheckResult {
  const lesson = sqliteLesson(root);
  if (!lesson) {
    return { name: 'better-sqlite3', outcome: 'fail', detail: 'not installed in any lesson', fix: 'Run `pnpm install` at the repository root.' };
  }
  // In a child process: a native module built for another Node can crash the process that loads it.
  const script = "const D = require('better-sqlite3'); const db = new D(':memory:'); console.log(db.prepare('select sqlite_version() v').get().v); db.close();";
  const result = spawnSync(process.execPath, ['-e', script], { cwd: lesson.dir, encoding: 'utf8', timeout: 20_000 });
  if (result.status === 0) return { name: 'better-sqlite3', outcome: 'ok', detail: `loads in Node ${process.versions.node} (SQLite ${result.stdout.trim()})` };
  const message = `${result.stderr}${result.error?.message ?? ''}`;
  const first = message.split('\n').find((line) => /Error|error/.test(line))?.trim() ?? 'it does not load';
  return { name: 'better-sqlite3', outcome: 'fail', detail: first.slice(0, 200), fix: sqliteFix(message) };
}

export async function checkPort({ port }: CheckupInputs): Promise<CheckResult> {
  const problem = await new Promise<string | undefined>((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    // Where a lesson listens: every interface.
    server.listen(port, () => server.close(() => resolve(undefined)));
  });
  if (problem === undefined) return { name: `Port ${port}`, outcome: 'ok', detail: 'free' };
  return {
    name: `Port ${port}`,
    outcome: 'fail',
    detail: problem === 'EADDRINUSE' ? 'in use by another program (another `pnpm dev`?)' : `cannot listen (${problem})`,
    fix: `Stop the other server, or start the lesson on another port: PORT=${port + 1} pnpm dev 1`,
  };
}

export function checkWritable({ root }: CheckupInputs): CheckResult {
  const lessons = listLessons(root);
  const readOnly = lessons.filter((lesson) => {
    const probe = join(lesson.dir, `.checkup-${process.pid}`);
    try {
      accessSync(lesson.dir, constants.W_OK);
      writeFileSync(probe, '');
      rmSync(probe);
      return false;
    } catch {
      return true;
    }
  });
  if (readOnly.length === 0) return { name: 'Lesson folders', outcome: 'ok', detail: `${lessons.length} writable (forum.db goes there)` };
  return {
    name: 'Lesson folders',
    outcome: 'fail',
    detail: `not writable: ${readOnly.map((lesson) => lesson.slug).join(', ')}`,
    fix: `Give yourself write access to the clone: chown -R "$USER" ${root}`,
  };
}

export function checkChromium({ chromiumPath }: CheckupInputs): CheckResult {
  if (existsSync(chromiumPath)) return { name: 'Chromium', outcome: 'ok', detail: chromiumPath };
  return {
    name: 'Chromium',
    outcome: 'warn',
    detail: `not found at ${chromiumPath}; only the docs' browser check needs it (pnpm test reports it as skipped)`,
    fix: 'apt-get install -y chromium (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  };
}

const services = [
  { name: 'PostgreSQL', port: 5432, packages: ['pg', 'postgres'], setting: 'DATABASE_URL' },
  { name: 'Redis', port: 6379, packages: ['redis', 'ioredis'], setting: 'REDIS_URL' },
] as const;

/**
 * How to start a service: `docker compose up -d` in the first lesson that
 * ships a compose.yaml (lesson 13 starts both there), or, without one, the
 * service on this machine.
 */
function serviceFix(service: (typeof services)[number], users: Lesson[]): string {
  const own = `or run ${service.name} on this machine at 127.0.0.1:${service.port}`;
  const withCompose = users.find((lesson) => existsSync(join(lesson.dir, 'compose.yaml')));
  if (withCompose === undefined) return `Start ${service.name} on 127.0.0.1:${service.port}; without it, leave ${service.setting} unset.`;
  return `cd lessons/${withCompose.slug} && docker compose up -d (it reads compose.yaml there), ${own}; without it, leave ${service.setting} unset.`;
}

/** The lessons whose dependencies include one of `packages`. */
function lessonsUsing(root: string, packages: readonly string[]): Lesson[] {
  return listLessons(root).filter((lesson) => {
    const pkg = JSON.parse(readFileSync(join(lesson.dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    return packages.some((name) => names.includes(name));
  });
}

function answers(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

/** PostgreSQL and Redis, asked only when a lesson depends on them (lesson 13); a warning when they do not answer. */
export async function checkServices({ root, servicePorts }: CheckupInputs): Promise<CheckResult[]> {
  return Promise.all(
    services.map(async (service) => {
      const users = lessonsUsing(root, service.packages);
      const port = servicePorts?.[service.name] ?? service.port;
      const name = `${service.name} (127.0.0.1:${port})`;
      if (users.length === 0) return { name, outcome: 'info' as const, detail: 'no lesson uses it yet; not checked' };
      const by = `used by ${users.map((lesson) => lesson.slug).join(', ')} when ${service.setting} is set`;
      if (await answers(port)) return { name, outcome: 'ok' as const, detail: `answers (${by})` };
      return { name, outcome: 'warn' as const, detail: `does not answer (${by})`, fix: serviceFix(service, users) };
    }),
  );
}

export async function runCheckup(inputs: CheckupInputs): Promise<CheckResult[]> {
  return [
    checkNode(inputs),
    checkPnpm(inputs),
    checkSqlite(inputs),
    await checkPort(inputs),
    checkWritable(inputs),
    checkChromium(inputs),
    ...(await checkServices(inputs)),
  ];
}

const marks: Record<Outcome, string> = { ok: '✓', fail: '✗', warn: '!', info: '·' };

export function formatCheckup(results: CheckResult[]): string {
  const width = Math.max(...results.map((result) => result.name.length));
  const lines = results.flatMap((result) => [
    `${marks[result.outcome]} ${result.name.padEnd(width)}  ${result.detail}`,
    ...(result.fix ? [`  ${' '.repeat(width)}  fix: ${result.fix}`] : []),
  ]);
  const failed = results.filter((result) => result.outcome === 'fail').length;
  const warned = results.filter((result) => result.outcome === 'warn').length;
  const verdict =
    failed > 0
      ? `${failed} problem${failed === 1 ? '' : 's'} to fix before the lessons will run${warned ? `, ${warned} warning${warned === 1 ? '' : 's'}` : ''}.`
      : `Ready: the lessons will run${warned ? ` (${warned} warning${warned === 1 ? '' : 's'} about optional parts)` : ''}.`;
  return `${lines.join('\n')}\n\n${verdict}`;
}
