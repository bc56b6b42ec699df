// pnpm bench:scale: requests per second and latency of an authenticated
// GET /api/v1/posts (a page of 20 posts), served by
//
//   sqlite      one instance on SQLite, sessions in SQLite (lesson 12's setup)
//   one         one instance on PostgreSQL + Redis
//   two         two instances on the same PostgreSQL + Redis, the load split
//               between them (autocannon spreads its connections over both URLs)
//
// in one run, each a real src/server.ts process. The load generator runs in
// this process, on the same machine: on a 2-core laptop, two instances and
// autocannon share two cores with PostgreSQL and Redis, so "two" cannot be
// twice "one" here. What it shows is the cost of the network stores against
// SQLite, and that a second instance adds capacity only where there are
// cores to run it.
//
//   --duration 10      seconds measured per setup
//   --warmup 2         seconds of load before each measurement, not counted
//   --connections 20   concurrent connections (split over the instances)
//   --setups a,b       a subset of: sqlite, one, two
//   --json             print the results as JSON instead of the table
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startInstance, type Instance } from '../test/instances.ts';
import { freshPrefix, freshSchema, redisUrl } from '../test/services.ts';

export const SETUPS = ['sqlite', 'one', 'two'] as const;
export type Setup = (typeof SETUPS)[number];

export interface Result {
  setup: Setup;
  instances: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

const admin = { username: 'admin', email: 'admin@example.com', password: 'a long phrase only I know 42' };
const member = { username: 'reader', email: 'reader@example.com', password: 'correct horse battery staple' };

/** Settings every instance gets: no request log, limits far above the load. */
const baseEnv = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'a-benchmark-secret-that-is-long-enough-0123',
  ADMIN_EMAIL: admin.email,
  // info: the "listening on" line is how the harness learns the port.
  LOG_LEVEL: 'info',
  LOG_REQUESTS: 'false',
  API_RATE_LIMIT: '100000000',
  // As behind a load balancer that ends TLS: without https, production's
  // Secure session cookie would not be set at all.
  TRUST_PROXY: 'loopback',
};

async function call(url: string, method: string, path: string, body?: unknown, cookie?: string) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https', ...(cookie ? { Cookie: cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return { cookie: res.headers.get('set-cookie')?.split(';')[0], body: (res.status === 204 ? undefined : await res.json()) as { id: number } | undefined };
}

/** An admin, 20 posts, and an approved member who is logged in: the member's cookie. */
async function seed(url: string): Promise<string> {
  await call(url, 'POST', '/auth/register', admin);
  const adminCookie = (await call(url, 'POST', '/auth/login', { email: admin.email, password: admin.password })).cookie!;
  for (let i = 1; i <= 20; i++) await call(url, 'POST', '/posts', { title: `Post ${i}`, body: `The body of post ${i}.` }, adminCookie);
  const { body: reader } = await call(url, 'POST', '/auth/register', member);
  await call(url, 'POST', `/users/${reader!.id}/approve`, undefined, adminCookie);
  return (await call(url, 'POST', '/auth/login', { email: member.email, password: member.password })).cookie!;
}

async function load(urls: string[], cookie: string, duration: number, connections: number) {
  return autocannon({
    // autocannon spreads its connections over several URLs; its types know only one.
    url: urls.map((url) => `${url}/api/v1/posts`) as unknown as string,
    headers: { cookie, 'x-forwarded-proto': 'https' },
    duration,
    connections,
  });
}

async function measure(setup: Setup, urls: string[], cookie: string, options: Options): Promise<Result> {
  if (options.warmup > 0) await load(urls, cookie, options.warmup, options.connections);
  const run = await load(urls, cookie, options.duration, options.connections);
  return {
    setup,
    instances: urls.length,
    requests: run.requests.total,
    requestsPerSecond: Math.round(run.requests.total / options.duration),
    p50Ms: run.latency.p50,
    p99Ms: run.latency.p99,
    errors: run.errors + run.timeouts,
    non2xx: run.non2xx,
  };
}

export interface Options {
  duration: number;
  warmup: number;
  connections: number;
  setups: Setup[];
}

/** Runs the setups asked for, in order, and stops every process it started. */
export async function runBenchmark(options: Options, progress: (line: string) => void = () => {}): Promise<Result[]> {
  const results: Result[] = [];
  const instances: Instance[] = [];
  const cleanups: Array<() => Promise<void> | void> = [];
  try {
    if (options.setups.includes('sqlite')) {
      const dir = mkdtempSync(join(tmpdir(), 'forum-bench-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const instance = await startInstance({ ...baseEnv, DATABASE_PATH: join(dir, 'forum.db') });
      instances.push(instance);
      progress('sqlite: seeding and measuring one instance on SQLite');
      results.push(await measure('sqlite', [instance.url], await seed(instance.url), options));
      instance.child.kill('SIGKILL');
    }
    if (options.setups.includes('one') || options.setups.includes('two')) {
      const schema = await freshSchema();
      const keys = freshPrefix();
      cleanups.push(schema.drop, keys.clear);
      const env = { ...baseEnv, DATABASE_URL: schema.url, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: keys.prefix };
      const first = await startInstance(env);
      instances.push(first);
      const cookie = await seed(first.url);
      if (options.setups.includes('one')) {
        progress('one: measuring one instance on PostgreSQL + Redis');
        results.push(await measure('one', [first.url], cookie, options));
      }
      if (options.setups.includes('two')) {
        const second = await startInstance(env);
        instances.push(second);
        progress('two: measuring two instances on PostgreSQL + Redis');
        results.push(await measure('two', [first.url, second.url], cookie, options));
      }
    }
  } finally {
    for (const instance of instances) instance.child.kill('SIGKILL');
    for (const cleanup of cleanups) await cleanup();
  }
  return results;
}

function table(results: Result[]): string {
  const base = results.find((result) => result.setup === 'one');
  const rows = results.map((r) => {
    const ratio = base ? `${(r.requestsPerSecond / base.requestsPerSecond).toFixed(2)}×` : '–';
    return `| ${r.setup} | ${r.instances} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${ratio} | ${r.errors} | ${r.non2xx} |`;
  });
  return ['| setup | instances | req/s | p50 ms | p99 ms | req/s vs one | errors | non-2xx |', '|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '20' },
      setups: { type: 'string', default: SETUPS.join(',') },
      json: { type: 'boolean', default: false },
    },
  });
  const setups = values.setups.split(',').map((name) => name.trim());
  const unknown = setups.filter((name) => !(SETUPS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`--setups: unknown ${unknown.join(', ')}; choose from ${SETUPS.join(', ')}`);
    process.exit(1);
  }
  const options: Options = {
    duration: Number(values.duration),
    warmup: Number(values.warmup),
    connections: Number(values.connections),
    setups: setups as Setup[],
  };
  const results = await runBenchmark(options, (line) => console.error(line));
  if (values.json) {
    console.log(JSON.stringify({ options, cores: cpus().length, loadavg: loadavg(), results }, null, 2));
  } else {
    console.log(table(results));
    console.log(`\n${cpus().length} cores; load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}; ${options.duration} s per setup, ${options.connections} connections.`);
  }
}
