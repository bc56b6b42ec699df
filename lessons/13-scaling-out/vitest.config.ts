import { fileURLToPath } from 'node:url';
import { workspaceTestConfig } from '../../scripts/vitest/shared.ts';
import { databaseUrl, probeServices, redisUrl } from './test/services.ts';

// Three projects in one run (one report, .vitest/results.json): this
// lesson's own tests, and lesson 11's black-box API tests twice, unchanged:
// on SQLite, as lesson 12 runs them, and on PostgreSQL + Redis.
const lesson11 = fileURLToPath(new URL('../11-production', import.meta.url));
const adapter = (file: string) => ({ '#api-under-test': fileURLToPath(new URL(`test/${file}`, import.meta.url)) });

// PostgreSQL and Redis are asked once here; the test files read the answer
// from FORUM_TEST_SERVICES. Without them (outside CI), their tests are
// reported as skipped, and this line says why.
const services = await probeServices();
process.env.FORUM_TEST_SERVICES = JSON.stringify(services);
if (!(services.postgres && services.redis) && process.env.CI !== 'true') {
  const missing = [services.postgres ? '' : `DATABASE_URL (${databaseUrl})`, services.redis ? '' : `REDIS_URL (${redisUrl})`].filter(Boolean);
  console.warn(`13-scaling-out: skipping the PostgreSQL and Redis tests: nothing answers at ${missing.join(' or ')}. Start them with \`docker compose up -d\` in lessons/13-scaling-out, or set DATABASE_URL and REDIS_URL.`);
}

export default workspaceTestConfig('13-scaling-out', undefined, [
  {
    name: '13-scaling-out (lesson 11 API tests, SQLite)',
    root: lesson11,
    include: ['test/api/**/*.test.ts'],
    alias: adapter('api-under-test.ts'),
  },
  {
    name: '13-scaling-out (lesson 11 API tests, PostgreSQL + Redis)',
    root: lesson11,
    include: ['test/api/**/*.test.ts'],
    alias: adapter('api-under-test-services.ts'),
    setupFiles: [fileURLToPath(new URL('test/skip-without-services.ts', import.meta.url))],
  },
]);
