// bench/scale-out.ts is run by hand (pnpm bench:scale); this runs it for a
// moment so that it keeps working. It checks that every setup answered and
// nothing failed, never how fast anything was.
import { expect, test } from 'vitest';
import { runBenchmark } from '../bench/scale-out.ts';
import { describeWithServices } from './services.ts';

describeWithServices('pnpm bench:scale', () => {
  test('one and two instances on PostgreSQL + Redis, and SQLite, each answer the logged-in member with 200s only', async () => {
    const results = await runBenchmark({ duration: 1, warmup: 0, connections: 4, setups: ['sqlite', 'one', 'two'] });

    expect(results.map((result) => [result.setup, result.instances])).toEqual([
      ['sqlite', 1],
      ['one', 1],
      ['two', 2],
    ]);
    for (const result of results) {
      expect(result.requests).toBeGreaterThan(0);
      expect(result).toMatchObject({ errors: 0, non2xx: 0 });
    }
  }, 120_000);
});
