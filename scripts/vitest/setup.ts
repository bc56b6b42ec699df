// Runs before every test file. An unexpected console.error is a failure:
// apps and packages take a logger as an argument, so a test that expects an
// error log injects one instead of letting it reach the console.
import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';

let consoleError: MockInstance<typeof console.error>;

beforeEach(() => {
  consoleError = vi.spyOn(console, 'error');
});

afterEach(() => {
  const calls = consoleError.mock.calls;
  consoleError.mockRestore();
  if (calls.length > 0) {
    const first = calls[0]!.map((part) => (part instanceof Error ? part.stack : String(part))).join(' ');
    throw new Error(`Unexpected console.error (${calls.length} call(s)); first: ${first}`);
  }
});
