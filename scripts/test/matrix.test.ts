import { expect, test } from 'vitest';
import { closingLine, formatTable, rowFor, sortRows, type TurboTask, type VitestReport } from '../lib/matrix.ts';

const task = (overrides: Partial<TurboTask>): TurboTask => ({
  taskId: 'x#test',
  package: 'x',
  task: 'test',
  directory: 'lessons/01-hello-express',
  execution: { exitCode: 0 },
  cache: { status: 'MISS' },
  ...overrides,
});
const report = (passed: number, failed: number, pending = 0): VitestReport => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: pending,
  numTodoTests: 0,
  success: failed === 0,
});

test('a passing suite becomes a row with its counts', () => {
  expect(rowFor(task({}), report(18, 0, 2))).toMatchObject({ kind: 'lesson', passed: 18, failed: 0, skipped: 2 });
});

test('a task that failed without a report counts as one failure with a note', () => {
  const row = rowFor(task({ directory: 'docs', execution: { exitCode: 1 } }), undefined);

  expect(row).toMatchObject({ kind: 'docs', passed: 0, failed: 1 });
  expect(row.note).toContain('exited with code 1');
});

test('a task that failed after green tests still counts as a failure', () => {
  expect(rowFor(task({ execution: { exitCode: 1 } }), report(5, 0)).failed).toBe(1);
});

test('the typecheck is one check that passes or fails', () => {
  const typecheck = task({ task: 'typecheck', directory: '' });

  expect(rowFor(typecheck, undefined)).toMatchObject({ kind: 'check', passed: 1, failed: 0 });
  expect(rowFor({ ...typecheck, execution: { exitCode: 2 } }, undefined)).toMatchObject({ passed: 0, failed: 1 });
});

test('a cache hit is shown in the table', () => {
  const row = rowFor(task({ cache: { status: 'HIT' } }), report(3, 0));

  expect(formatTable([row])).toMatch(/lessons\/01-hello-express\s+3\s+3\s+0\s+0\s+ok \(cached\)/);
});

test('rows are grouped lessons, packages, docs, tooling, checks', () => {
  const rows = sortRows([
    rowFor(task({ task: 'typecheck', directory: '' }), undefined),
    rowFor(task({ directory: 'docs' }), report(1, 0)),
    rowFor(task({ directory: 'packages/session-store' }), report(1, 0)),
    rowFor(task({ directory: 'lessons/02-middleware' }), report(1, 0)),
    rowFor(task({ directory: 'lessons/01-hello-express' }), report(1, 0)),
  ]);

  expect(rows.map((row) => row.name)).toEqual([
    'lessons/01-hello-express',
    'lessons/02-middleware',
    'packages/session-store',
    'docs',
    'typecheck (whole workspace)',
  ]);
});

test('the closing line is the plain summary CI reads', () => {
  const rows = [rowFor(task({}), report(10, 1)), rowFor(task({}), report(5, 0, 3))];

  expect(closingLine(rows)).toBe('15 passed, 1 failed, 3 skipped');
  expect(closingLine([rowFor(task({}), report(2, 0))])).toBe('2 passed, 0 failed');
});
