// pnpm bench:http: requests per second and latency of an authenticated
// GET /api/v1/posts (a page of 20 posts), with each of four session stores
// behind the same app, in one run. The target (issue 10): ours at least 0.85×
// MemoryStore's requests per second, and a p99 at most 1.2× MemoryStore's.
//
//   --duration 10       seconds measured per store and round
//   --warmup 2          seconds of load before each measurement, not counted
//   --connections 10    concurrent connections
//   --rounds 2          rounds; the table shows each store's median
//   --stores a,b        a subset of: ours, memory, connect-sqlite3, better-sqlite3-session-store
//   --json              print the results as JSON instead of the table
//
// Each store's app runs in its own process (bench/serve.ts), started once and
// seeded through the API; autocannon runs here. Rounds alternate the order
// (forward, then backward), so no store always runs first on a warm or a
// cold machine. See bench/README.md.
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadPeers } from '../../../scripts/lib/bench-peers.ts';
import { createClient, expectJson, seedForum } from './client.ts';
import { startBenchServer, type RunningServer } from './processes.ts';
import { PEER_STORES, STORE_LABELS, STORE_NAMES, isStoreName, type StoreName } from './stores.ts';

/** The request measured: page 1 of the posts, 20 of them, as a logged-in member. */
export const BENCH_PATH = '/api/v1/posts';

export interface MeasureOptions {
  /** Seconds measured. */
  duration: number;
  /** Seconds of load before measuring, not counted. 0 for none. */
  warmup: number;
  connections: number;
}

export interface Measurement {
  store: StoreName;
  requests: number;
  /** Answers per second over the measured time. */
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds, from every answer's own time (autocannon's histogram rounds to whole milliseconds). */
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** A store's server, started and seeded, with the member's session cookie. */
export interface PreparedStore {
  store: StoreName;
  server: RunningServer;
  cookie: string;
}

/** Starts `store`'s server and seeds it: an admin, 20 posts, one approved and logged-in member. */
export async function prepareStore(store: StoreName): Promise<PreparedStore> {
  const server = await startBenchServer(store);
  const client = createClient(server.baseUrl);
  try {
    const { members } = await seedForum(client, { members: 1, posts: 20 });
    const cookie = members[0]!.cookie;
    // The request measured must be the one intended: 200 and a full page.
    const page = expectJson<{ data: unknown[]; total: number }>(await client.request('GET', BENCH_PATH, { cookie }), 200, `GET ${BENCH_PATH}`);
    if (page.data.length !== 20 || page.total !== 20) throw new Error(`GET ${BENCH_PATH}: expected 20 posts, got ${page.data.length} of ${page.total}`);
    return { store, server, cookie };
  } catch (error) {
    await server.stop();
    throw error;
  } finally {
    client.close();
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function cannon(prepared: PreparedStore, seconds: number, connections: number, onResponse?: (ms: number) => void) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${prepared.server.baseUrl}${BENCH_PATH}`, connections, duration: seconds, headers: { cookie: prepared.cookie } },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (onResponse) instance.on('response', (_client, _status, _bytes, responseTime) => onResponse(responseTime));
  });
}

/** One measurement of one prepared store: a warm-up, then `duration` seconds of autocannon. */
export async function measureStore(prepared: PreparedStore, { duration, warmup, connections }: MeasureOptions): Promise<Measurement> {
  if (warmup > 0) await cannon(prepared, warmup, connections);
  const latencies: number[] = [];
  const result = await cannon(prepared, duration, connections, (ms) => latencies.push(ms));
  const sorted = Float64Array.from(latencies).sort();
  return {
    store: prepared.store,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

export interface BenchOptions extends MeasureOptions {
  rounds: number;
  stores: StoreName[];
}

export interface StoreSummary {
  store: StoreName;
  label: string;
  /** Medians over the rounds. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Sums over the rounds. */
  requests: number;
  errors: number;
  non2xx: number;
  /** Against MemoryStore's medians, when memory ran. */
  requestsPerSecondVsMemory?: number;
  p99VsMemory?: number;
}

export interface Target {
  description: string;
  value: number;
  pass: boolean;
}

export interface BenchReport {
  options: BenchOptions;
  /** Every round's measurements, in the order they ran. */
  rounds: Measurement[][];
  summary: StoreSummary[];
  targets: Target[];
  /** os.loadavg() (1, 5, 15 minutes) before and after. */
  loadBefore: number[];
  loadAfter: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Round r runs the stores forward when r is even and backward when it is odd. */
export function roundOrder(stores: StoreName[], round: number): StoreName[] {
  return round % 2 === 0 ? [...stores] : [...stores].reverse();
}

export function summarize(stores: StoreName[], rounds: Measurement[][]): { summary: StoreSummary[]; targets: Target[] } {
  const summary: StoreSummary[] = stores.map((store) => {
    const runs = rounds.flat().filter((m) => m.store === store);
    return {
      store,
      label: STORE_LABELS[store],
      requestsPerSecond: median(runs.map((m) => m.requestsPerSecond)),
      p50Ms: median(runs.map((m) => m.p50Ms)),
      p99Ms: median(runs.map((m) => m.p99Ms)),
      requests: runs.reduce((sum, m) => sum + m.requests, 0),
      errors: runs.reduce((sum, m) => sum + m.errors, 0),
      non2xx: runs.reduce((sum, m) => sum + m.non2xx, 0),
    };
  });
  const memory = summary.find((s) => s.store === 'memory');
  if (memory) {
    for (const s of summary) {
      s.requestsPerSecondVsMemory = s.requestsPerSecond / memory.requestsPerSecond;
      s.p99VsMemory = s.p99Ms / memory.p99Ms;
    }
  }
  const ours = summary.find((s) => s.store === 'ours');
  const targets: Target[] = [];
  if (ours?.requestsPerSecondVsMemory !== undefined && ours.p99VsMemory !== undefined) {
    targets.push(
      { description: 'ours req/s ≥ 0.85× memory', value: ours.requestsPerSecondVsMemory, pass: ours.requestsPerSecondVsMemory >= 0.85 },
      { description: 'ours p99 ≤ 1.2× memory', value: ours.p99VsMemory, pass: ours.p99VsMemory <= 1.2 },
    );
  }
  return { summary, targets };
}

/** Starts every store's server, measures them round by round, stops them. */
export async function runBench(options: BenchOptions, progress: (line: string) => void = () => {}): Promise<BenchReport> {
  const loadBefore = loadavg();
  // Installs the peers once, here, before any server process needs them.
  if (options.stores.some((store) => PEER_STORES.includes(store))) loadPeers();
  const prepared = new Map<StoreName, PreparedStore>();
  try {
    for (const store of options.stores) {
      progress(`starting ${STORE_LABELS[store]}…`);
      prepared.set(store, await prepareStore(store));
    }
    const rounds: Measurement[][] = [];
    for (let round = 0; round < options.rounds; round++) {
      const measurements: Measurement[] = [];
      for (const store of roundOrder(options.stores, round)) {
        const m = await measureStore(prepared.get(store)!, options);
        progress(
          `round ${round + 1}/${options.rounds} ${STORE_LABELS[store].padEnd(36)} ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${m.p50Ms.toFixed(2)} ms  p99 ${m.p99Ms.toFixed(2)} ms  errors ${m.errors}  non-2xx ${m.non2xx}`,
        );
        measurements.push(m);
      }
      rounds.push(measurements);
    }
    return { options, rounds, ...summarize(options.stores, rounds), loadBefore, loadAfter: loadavg() };
  } finally {
    await Promise.all([...prepared.values()].map(({ server }) => server.stop()));
  }
}

const ratio = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(2)}×`);

/** The report as a table with the target lines under it. */
export function formatReport(report: BenchReport): string {
  const { options } = report;
  const header = ['store', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'req/s vs memory', 'p99 vs memory'];
  const rows = report.summary.map((s) => [
    s.label,
    s.requestsPerSecond.toFixed(0),
    s.p50Ms.toFixed(2),
    s.p99Ms.toFixed(2),
    String(s.errors),
    String(s.non2xx),
    ratio(s.requestsPerSecondVsMemory),
    ratio(s.p99VsMemory),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');
  return [
    `GET ${BENCH_PATH} (20 posts, logged-in member), ${options.connections} connections, ${options.duration} s per store after ${options.warmup} s of warm-up, ${options.rounds} round(s) in alternating order; medians over the rounds`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...report.targets.map((t) => `Target: ${t.description}: ${t.value.toFixed(2)}× ${t.pass ? 'PASS' : 'MISS'}`),
    `Load average (1, 5, 15 min): before ${load(report.loadBefore)}; after ${load(report.loadAfter)}`,
  ].join('\n');
}

function parseOptions(argv: string[]): BenchOptions & { json: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '2' },
      stores: { type: 'string', default: STORE_NAMES.join(',') },
      json: { type: 'boolean', default: false },
    },
  });
  const number = (name: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number of at least ${min}, got ${JSON.stringify(value)}`);
    return n;
  };
  const stores = values.stores.split(',').map((s) => s.trim());
  const unknown = stores.filter((s) => !isStoreName(s));
  if (unknown.length > 0) throw new Error(`--stores: unknown ${unknown.join(', ')}; choose from ${STORE_NAMES.join(', ')}`);
  return {
    duration: number('duration', values.duration, 1),
    warmup: number('warmup', values.warmup, 0),
    connections: Math.round(number('connections', values.connections, 1)),
    rounds: Math.round(number('rounds', values.rounds, 1)),
    stores: stores as StoreName[],
    json: values.json,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2).filter((arg) => arg !== '--'));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const { json, ...benchOptions } = options;
  // Progress goes to stderr, so `--json > results.json` holds only the JSON.
  const report = await runBench(benchOptions, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `\n${formatReport(report)}\n`);
}
