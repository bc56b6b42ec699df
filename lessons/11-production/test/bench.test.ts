// The benchmark harnesses (bench/) stay runnable: each one runs here for a
// moment and must come back with a well-formed result and no errors. Nothing
// here checks speed or memory growth; `pnpm bench:http` and `pnpm soak` do,
// on purpose, outside the test matrix. No peer store is installed here.
import { expect, test } from 'vitest';
import { BENCH_PATH, measureStore, prepareStore, summarize } from '../bench/http.ts';
import { runSoak } from '../bench/soak.ts';

// The two tests run side by side: each spends most of its time waiting for a
// server to start or a timer to end.

test.concurrent('bench:http measures GET /api/v1/posts with the memory and the sqlite store, without errors', async () => {
  // Both servers start at once (most of a start is waiting); they are measured one after the other.
  const prepared = await Promise.all([prepareStore('memory'), prepareStore('ours')]);
  const measurements = [];
  try {
    for (const store of prepared) measurements.push(await measureStore(store, { duration: 1, warmup: 0, connections: 2 }));
  } finally {
    expect(await Promise.all(prepared.map((store) => store.server.stop()))).toEqual([0, 0]);
  }
  for (const m of measurements) {
    expect(m.requests).toBeGreaterThan(0);
    expect(m.requestsPerSecond).toBeGreaterThan(0);
    expect(m.p50Ms).toBeGreaterThan(0);
    expect(m.p99Ms).toBeGreaterThanOrEqual(m.p50Ms);
    expect({ store: m.store, errors: m.errors, timeouts: m.timeouts, non2xx: m.non2xx }).toEqual({ store: m.store, errors: 0, timeouts: 0, non2xx: 0 });
  }
  const { summary, targets } = summarize(['ours', 'memory'], [measurements]);
  expect(summary.map((s) => s.store)).toEqual(['ours', 'memory']);
  expect(summary[1]!.requestsPerSecondVsMemory).toBe(1);
  expect(targets.map((t) => t.description)).toEqual(['ours req/s ≥ 0.85× memory', 'ours p99 ≤ 1.2× memory']);
  expect(BENCH_PATH).toBe('/api/v1/posts');
});

test.concurrent('soak sends mixed traffic to src/server.ts with no errors and reports its memory', async () => {
  const report = await runSoak({ duration: 3, clients: 2 });
  expect(report.errors).toEqual({ total: 0, status5xx: 0, connection: 0, timeouts: 0 });
  expect(report.unexpected).toBe(0);
  expect(report.examples).toEqual([]);
  expect(report.serverErrorLogLines).toBe(0);
  expect(report.shutdownExitCode).toBe(0);
  expect(report.requests).toBeGreaterThan(0);
  // Every request got an answer, counted under its status.
  expect(Object.values(report.byStatus).reduce((a, b) => a + b, 0)).toBe(report.requests);
  expect(report.rss.samples.length).toBeGreaterThanOrEqual(3);
  expect(report.rss.warmupEnd.lowestKb).toBeGreaterThan(0);
  expect(report.rss.warmupEnd.medianKb).toBeGreaterThanOrEqual(report.rss.warmupEnd.lowestKb);
  expect(report.rss.end.lowestKb).toBeGreaterThan(0);
  expect(Number.isFinite(report.rss.growthPercent)).toBe(true);
});
