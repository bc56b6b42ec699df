// `pnpm test`: the instructors' full matrix. turbo runs every workspace's
// tests, the workspace typecheck and the docs build (cached when nothing
// changed); this script then prints one row per workspace and the closing
// line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './lib/lessons.ts';
import { closingLine, formatTable, rowFor, sortRows, type TurboTask, type VitestReport } from './lib/matrix.ts';

const reportPath = (directory: string) => join(repoRoot, directory, '.vitest', 'results.json');
const runsDir = join(repoRoot, '.turbo', 'runs');

// Stale reports must not pass for fresh ones: turbo restores a cached task's
// report and a task that runs writes a new one, so start from none.
const workspaceDirs = ['lessons', 'packages']
  .flatMap((group) => readdirSync(join(repoRoot, group)).map((name) => `${group}/${name}`))
  .concat(['docs', '.']);
for (const directory of workspaceDirs) rmSync(reportPath(directory), { force: true });
rmSync(runsDir, { recursive: true, force: true });

const started = Date.now();
const turbo = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'test', 'typecheck', 'test:tooling', '--continue', '--summarize', '--output-logs=errors-only', ...process.argv.slice(2)],
  { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' } },
);
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const summaryFile = existsSync(runsDir)
  ? readdirSync(runsDir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(runsDir, name))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  : undefined;
if (!summaryFile) {
  console.error(`turbo did not write a run summary (exit code ${turbo.status}); see its output above.`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { tasks: TurboTask[] };
const rows = sortRows(
  summary.tasks
    .filter((task) => task.task !== 'transit')
    .map((task) => {
      const file = reportPath(task.directory);
      const report = task.task.startsWith('test') && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as VitestReport) : undefined;
      return rowFor(task, report);
    }),
);

console.log(`\nTest matrix (${seconds} s)\n\n${formatTable(rows)}\n`);
console.log(closingLine(rows));
process.exit(rows.some((row) => row.failed > 0) || turbo.status !== 0 ? 1 : 0);
