// Pure helpers of the test matrix: turning turbo's run summary and vitest's
// JSON reports into rows, a table and the closing line.

export interface Row {
  name: string;
  kind: 'lesson' | 'package' | 'docs' | 'tooling' | 'check';
  passed: number;
  failed: number;
  skipped: number;
  cached: boolean;
  /** Why a row failed without test counts (a crash, a failed build). */
  note?: string;
}

/** The fields we read from vitest's JSON reporter (jest-compatible). */
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
}

/** A task as `turbo run --summarize` records it. */
export interface TurboTask {
  taskId: string;
  package: string;
  task: string;
  directory: string;
  execution?: { exitCode?: number | null };
  cache?: { status?: string };
}

/**
 * One row per task. A task that failed but left no failing test behind (the
 * suite crashed, the docs build or the typecheck failed) counts as one failure
 * so it can never hide in the total.
 */
export function rowFor(task: TurboTask, report: VitestReport | undefined): Row {
  const exitCode = task.execution?.exitCode ?? 1;
  const cached = task.cache?.status === 'HIT';
  const kind: Row['kind'] = task.task === 'typecheck'
    ? 'check'
    : task.directory.startsWith('lessons/')
      ? 'lesson'
      : task.directory.startsWith('packages/')
        ? 'package'
        : task.directory === 'docs'
          ? 'docs'
          : 'tooling';
  const name = kind === 'check' ? 'typecheck (whole workspace)' : kind === 'tooling' ? 'tooling (scripts/)' : task.directory;

  if (!report) {
    return exitCode === 0
      ? { name, kind, passed: 1, failed: 0, skipped: 0, cached }
      : { name, kind, passed: 0, failed: 1, skipped: 0, cached, note: `${task.task} exited with code ${exitCode}` };
  }
  const row: Row = {
    name,
    kind,
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    cached,
  };
  if (exitCode !== 0 && row.failed === 0) {
    row.failed = 1;
    row.note = `${task.task} exited with code ${exitCode} after its tests`;
  }
  return row;
}

const order: Row['kind'][] = ['lesson', 'package', 'docs', 'tooling', 'check'];

export function sortRows(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.name.localeCompare(b.name));
}

export function totals(rows: Row[]) {
  return rows.reduce(
    (sum, row) => ({
      passed: sum.passed + row.passed,
      failed: sum.failed + row.failed,
      skipped: sum.skipped + row.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

export function formatTable(rows: Row[]): string {
  const header = ['workspace', 'tests', 'passed', 'failed', 'skipped', 'result'];
  const body = rows.map((row) => [
    row.name,
    String(row.passed + row.failed + row.skipped),
    String(row.passed),
    String(row.failed),
    String(row.skipped),
    (row.failed > 0 ? 'FAIL' : 'ok') + (row.cached ? ' (cached)' : '') + (row.note ? `: ${row.note}` : ''),
  ]);
  const t = totals(rows);
  const footer = ['total', String(t.passed + t.failed + t.skipped), String(t.passed), String(t.failed), String(t.skipped), ''];
  const all = [header, ...body, footer];
  const widths = header.map((_, i) => Math.max(...all.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...body.map(line), rule, line(footer)].join('\n');
}

/** The plain closing line CI reads: `N passed, N failed` (`, N skipped`). */
export function closingLine(rows: Row[]): string {
  const t = totals(rows);
  return `${t.passed} passed, ${t.failed} failed` + (t.skipped > 0 ? `, ${t.skipped} skipped` : '');
}
