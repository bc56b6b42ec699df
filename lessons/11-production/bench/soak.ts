// pnpm soak: src/server.ts, as `pnpm start` runs it (SESSION_STORE=sqlite, a
// temporary database), under mixed traffic for a while, watching its memory.
// It passes with no errors (no 5xx, no connection error, no timeout, no
// status other than the one each request expects, no error in the server's
// log, exit code 0 after SIGTERM) and a resident set size (RSS) that grew by
// less than 10% from the end of the warm-up (the first 20% of the time) to
// the end (each end the lowest of a few seconds of samples: see rss-windows).
//
//   --duration 60      seconds of traffic
//   --clients 8        clients sending requests one after another, each as its own member
//   --json             print the report as JSON instead of the summary
//
// The exit code is 1 when the soak fails. See bench/README.md.
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { RequestTimeout, createClient, seedForum, sessionCookieOf, type Answer, type Client, type Member } from './client.ts';
import { rssKb, startLessonServer } from './processes.ts';

export interface SoakOptions {
  /** Seconds of traffic. */
  duration: number;
  /** Clients, each a logged-in member sending one request at a time. */
  clients: number;
  /** The share of the time that counts as warm-up: RSS growth is measured from its end. */
  warmupFraction?: number;
  /** The RSS growth, in percent, at which the soak fails. */
  maxGrowthPercent?: number;
}

export interface RssSample {
  /** Seconds since the traffic started. */
  at: number;
  kb: number;
}

/** The samples taken from `from` to `to` seconds: the lowest, which the growth compares, and the median. */
export interface RssWindow {
  from: number;
  to: number;
  lowestKb: number;
  medianKb: number;
}

function rssWindow(from: number, to: number, samples: RssSample[]): RssWindow {
  const sorted = samples.map((s) => s.kb).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const medianKb = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { from, to, lowestKb: sorted[0]!, medianKb };
}

export interface SoakReport {
  options: Required<SoakOptions>;
  seconds: number;
  requests: number;
  byStatus: Record<string, number>;
  byAction: Record<string, number>;
  errors: { total: number; status5xx: number; connection: number; timeouts: number };
  /** Answers whose status was not the one the request expects (a 401 where a 200 was due: a lost session). */
  unexpected: number;
  /** The first few errors and unexpected answers, for the summary. */
  examples: string[];
  serverErrorLogLines: number;
  shutdownExitCode: number | null;
  rss: { samples: RssSample[]; warmupEnd: RssWindow; end: RssWindow; peakKb: number; growthPercent: number };
  loadBefore: number[];
  loadAfter: number[];
  failures: string[];
  pass: boolean;
}

interface Worker {
  client: Client;
  member: Member;
}

interface Action {
  name: string;
  weight: number;
  run(worker: Worker, state: { postIds: number[] }): Promise<Answer>;
  /** The status this request must get. */
  expect: number;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const words = ['express', 'router', 'session', 'sqlite', 'cookie', 'middleware', 'lesson', 'forum', 'reply', 'post', 'review', 'deploy'];
const sentence = (n: number) => Array.from({ length: n }, () => pick(words)).join(' ');

// #region actions
// What the clients do, with how often (weights out of the sum). Mostly
// reading, as on a forum; some writing; now and then a new login and a
// request that must fail with a 4xx.
const ACTIONS: Action[] = [
  { name: 'GET /api/v1/posts?page=N', weight: 20, expect: 200, run: (w) => w.client.request('GET', `/api/v1/posts?page=${1 + Math.floor(Math.random() * 3)}`, { cookie: w.member.cookie }) },
  { name: 'GET /api/v1/posts/:id', weight: 10, expect: 200, run: (w, s) => w.client.request('GET', `/api/v1/posts/${pick(s.postIds)}`, { cookie: w.member.cookie }) },
  { name: 'GET /api/v1/posts/:id/replies', weight: 10, expect: 200, run: (w, s) => w.client.request('GET', `/api/v1/posts/${pick(s.postIds)}/replies`, { cookie: w.member.cookie }) },
  { name: 'GET /api/v1/auth/me', weight: 8, expect: 200, run: (w) => w.client.request('GET', '/api/v1/auth/me', { cookie: w.member.cookie }) },
  {
    name: 'POST /api/v1/posts',
    weight: 3,
    expect: 201,
    run: async (w, s) => {
      const answer = await w.client.request('POST', '/api/v1/posts', { cookie: w.member.cookie, json: { title: sentence(5), body: sentence(40) } });
      if (answer.status === 201) s.postIds.push((JSON.parse(answer.body) as { id: number }).id);
      return answer;
    },
  },
  { name: 'POST /api/v1/posts/:id/replies', weight: 6, expect: 201, run: (w, s) => w.client.request('POST', `/api/v1/posts/${pick(s.postIds)}/replies`, { cookie: w.member.cookie, json: { body: sentence(20) } }) },
  { name: 'GET /', weight: 4, expect: 200, run: (w) => w.client.request('GET', '/') },
  { name: 'GET /js/main.js', weight: 3, expect: 200, run: (w) => w.client.request('GET', '/js/main.js') },
  { name: 'GET /styles.css', weight: 2, expect: 200, run: (w) => w.client.request('GET', '/styles.css') },
  { name: 'GET /ready', weight: 1, expect: 200, run: (w) => w.client.request('GET', '/ready') },
  {
    // Log out, then in again: a destroyed session and a new one. Rare, as on
    // a forum (about one request in 300): scrypt makes a login cost tens of
    // milliseconds of CPU and 32 MB of memory while it runs.
    name: 'POST /api/v1/auth/logout + login',
    weight: 0.25,
    expect: 200,
    run: async (w) => {
      const logout = await w.client.request('POST', '/api/v1/auth/logout', { cookie: w.member.cookie });
      if (logout.status !== 204) return logout;
      const login = await w.client.request('POST', '/api/v1/auth/login', { json: { email: w.member.email, password: w.member.password } });
      if (login.status === 200) w.member.cookie = sessionCookieOf(login);
      return login;
    },
  },
  { name: 'POST /api/v1/posts (malformed JSON)', weight: 2, expect: 400, run: (w) => w.client.request('POST', '/api/v1/posts', { cookie: w.member.cookie, rawJson: '{"title": "unfinished' }) },
  { name: 'GET /api/v1/posts/999999999 (missing)', weight: 1, expect: 404, run: (w) => w.client.request('GET', '/api/v1/posts/999999999', { cookie: w.member.cookie }) },
  { name: 'GET /api/v1/posts (no cookie)', weight: 1, expect: 401, run: (w) => w.client.request('GET', '/api/v1/posts') },
];
// #endregion actions

const totalWeight = ACTIONS.reduce((sum, a) => sum + a.weight, 0);
function pickAction(): Action {
  let roll = Math.random() * totalWeight;
  for (const action of ACTIONS) {
    roll -= action.weight;
    if (roll < 0) return action;
  }
  return ACTIONS[ACTIONS.length - 1]!;
}

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Runs the soak and returns its report; the server is stopped either way. */
export async function runSoak(input: SoakOptions, progress: (line: string) => void = () => {}): Promise<SoakReport> {
  const options: Required<SoakOptions> = { warmupFraction: 0.2, maxGrowthPercent: 10, ...input };
  const loadBefore = loadavg();
  const server = await startLessonServer();
  let shutdownExitCode: number | null = null;
  const seedClient = createClient(server.baseUrl);
  const workers: Worker[] = [];
  const byStatus: Record<string, number> = {};
  const byAction: Record<string, number> = {};
  const errors = { total: 0, status5xx: 0, connection: 0, timeouts: 0 };
  const examples: string[] = [];
  let unexpected = 0;
  let requests = 0;
  const samples: RssSample[] = [];
  let started = 0;
  try {
    const { members, postIds } = await seedForum(seedClient, { members: options.clients, posts: 20 });
    const state = { postIds };
    workers.push(...members.map((member) => ({ client: createClient(server.baseUrl, 1), member })));

    started = performance.now();
    const end = started + options.duration * 1000;
    const sample = () => samples.push({ at: (performance.now() - started) / 1000, kb: rssKb(server.pid) });
    sample();
    const sampler = setInterval(() => {
      sample();
      const last = samples[samples.length - 1]!;
      if (Math.round(last.at) % 10 === 0) progress(`${last.at.toFixed(0).padStart(4)} s  ${requests} requests  RSS ${(last.kb / 1024).toFixed(1)} MB  errors ${errors.total}`);
    }, 1000);

    const note = (line: string) => {
      if (examples.length < 10) examples.push(line);
    };
    await Promise.all(
      workers.map(async (worker) => {
        while (performance.now() < end) {
          const action = pickAction();
          increment(byAction, action.name);
          requests++;
          try {
            const answer = await action.run(worker, state);
            increment(byStatus, String(answer.status));
            if (answer.status >= 500) {
              errors.status5xx++;
              errors.total++;
              note(`${action.name}: ${answer.status} ${answer.body.slice(0, 200)}`);
            } else if (answer.status !== action.expect) {
              unexpected++;
              note(`${action.name}: expected ${action.expect}, got ${answer.status} ${answer.body.slice(0, 200)}`);
            }
          } catch (error) {
            errors.total++;
            if (error instanceof RequestTimeout) errors.timeouts++;
            else errors.connection++;
            note(`${action.name}: ${(error as Error).message}`);
          }
        }
      }),
    );
    clearInterval(sampler);
    sample();
  } finally {
    seedClient.close();
    for (const worker of workers) worker.client.close();
    shutdownExitCode = await server.stop();
  }

  const seconds = samples[samples.length - 1]?.at ?? 0;
  // #region rss-windows
  // One sample is not a level. Each login's scrypt holds 32 MB for as long as
  // it runs (the allocator returns it at once), and the heap grows until a
  // garbage collection: a sample lands anywhere on that saw, tens of MB apart.
  // A leak raises the floor the saw stands on, so each end of the comparison
  // is the lowest sample of a window: the first seconds after the warm-up,
  // and the last seconds. The medians are reported too.
  const windowSeconds = Math.max(3, options.duration * 0.1);
  const warmupAt = options.duration * options.warmupFraction;
  const warmupSamples = samples.filter((s) => s.at >= warmupAt && s.at <= warmupAt + windowSeconds);
  const endSamples = samples.filter((s) => s.at >= seconds - windowSeconds);
  const warmupEnd = rssWindow(warmupAt, warmupAt + windowSeconds, warmupSamples.length > 0 ? warmupSamples : samples);
  const last = rssWindow(Math.max(0, seconds - windowSeconds), seconds, endSamples);
  const growthPercent = ((last.lowestKb - warmupEnd.lowestKb) / warmupEnd.lowestKb) * 100;
  // #endregion rss-windows
  const failures: string[] = [];
  if (errors.total > 0) failures.push(`${errors.total} errors`);
  if (unexpected > 0) failures.push(`${unexpected} unexpected statuses`);
  if (server.errorLines.length > 0) failures.push(`${server.errorLines.length} error lines in the server's log`);
  if (shutdownExitCode !== 0) failures.push(`exit code ${shutdownExitCode} after SIGTERM`);
  if (growthPercent >= options.maxGrowthPercent) failures.push(`RSS grew ${growthPercent.toFixed(1)}% (limit ${options.maxGrowthPercent}%)`);
  for (const line of server.errorLines.slice(0, 3)) examples.push(`server log: ${JSON.stringify(line).slice(0, 300)}`);
  return {
    options,
    seconds,
    requests,
    byStatus,
    byAction,
    errors,
    unexpected,
    examples,
    serverErrorLogLines: server.errorLines.length,
    shutdownExitCode,
    rss: { samples, warmupEnd, end: last, peakKb: Math.max(...samples.map((s) => s.kb)), growthPercent },
    loadBefore,
    loadAfter: loadavg(),
    failures,
    pass: failures.length === 0,
  };
}

const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
const span = (window: RssWindow) => `${window.from.toFixed(0)}–${window.to.toFixed(0)} s`;

/** The summary `pnpm soak` prints. */
export function formatSoak(report: SoakReport): string {
  const { options, rss, errors } = report;
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .sort(([, a], [, b]) => b - a)
      .map(([key, n]) => `${key} ×${n}`);
  const timeline = rss.samples.filter((s, i) => i === 0 || i === rss.samples.length - 1 || Math.round(s.at) % 5 === 0);
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');
  return [
    `Soak: src/server.ts with SESSION_STORE=sqlite on a temporary database; ${options.clients} clients for ${options.duration} s; RSS sampled every second`,
    '',
    `Requests: ${report.requests} (${(report.requests / report.seconds).toFixed(0)}/s)`,
    `  by status: ${counts(report.byStatus).join(', ')}`,
    '  by request:',
    ...counts(report.byAction).map((line) => `    ${line}`),
    `Errors: ${errors.total} (5xx ${errors.status5xx}, connection errors ${errors.connection}, timeouts ${errors.timeouts})`,
    `Unexpected statuses: ${report.unexpected}; error lines in the server's log: ${report.serverErrorLogLines}`,
    ...report.examples.map((line) => `  ${line}`),
    `RSS after the warm-up (${span(rss.warmupEnd)}): lowest ${mb(rss.warmupEnd.lowestKb)}, median ${mb(rss.warmupEnd.medianKb)}`,
    `RSS at the end (${span(rss.end)}): lowest ${mb(rss.end.lowestKb)}, median ${mb(rss.end.medianKb)}`,
    `RSS growth (lowest to lowest): ${rss.growthPercent >= 0 ? '+' : ''}${rss.growthPercent.toFixed(1)}% (limit ${options.maxGrowthPercent}%); peak ${mb(rss.peakKb)}`,
    `RSS over time: ${timeline.map((s) => `${s.at.toFixed(0)} s ${mb(s.kb)}`).join(', ')}`,
    `Shutdown after SIGTERM: exit code ${report.shutdownExitCode}`,
    `Load average (1, 5, 15 min): before ${load(report.loadBefore)}; after ${load(report.loadAfter)}`,
    '',
    report.pass ? 'Soak PASSED' : `Soak FAILED: ${report.failures.join('; ')}`,
  ].join('\n');
}

function parseOptions(argv: string[]): SoakOptions & { json: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '60' },
      clients: { type: 'string', default: '8' },
      json: { type: 'boolean', default: false },
    },
  });
  const duration = Number(values.duration);
  const clients = Number(values.clients);
  if (!Number.isFinite(duration) || duration < 1) throw new Error(`--duration must be a number of seconds, at least 1, got ${JSON.stringify(values.duration)}`);
  if (!Number.isInteger(clients) || clients < 1) throw new Error(`--clients must be a whole number, at least 1, got ${JSON.stringify(values.clients)}`);
  return { duration, clients, json: values.json };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2).filter((arg) => arg !== '--'));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const { json, ...soakOptions } = options;
  const report = await runSoak(soakOptions, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `\n${formatSoak(report)}\n`);
  process.exitCode = report.pass ? 0 : 1;
}
