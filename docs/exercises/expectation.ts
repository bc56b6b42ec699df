// The one helper every exercise check uses (docs/exercises/NN-slug/N-name/check.ts).
// An expectation is a vitest test with a hint: when it fails, the hint is
// added to the error, so `pnpm exercise N.M` (and vitest's own output) shows
// what to look at next without giving the answer away.
import { test } from 'vitest';

export const hintMarker = '\nHint: ';

/** A test named for what the learner's code must do, with the hint shown when it does not. */
export function expectation(name: string, hint: string, fn: () => unknown): void {
  test(name, async () => {
    try {
      await fn();
    } catch (error) {
      if (error instanceof Error) {
        const message = error.message;
        error.message = message + hintMarker + hint;
        // V8 wrote the message into the stack when the error was made; some
        // reporters print the stack, so it gets the hint too.
        if (error.stack?.includes(message)) error.stack = error.stack.replace(message, error.message);
        throw error;
      }
      throw new Error(`${String(error)}${hintMarker}${hint}`);
    }
  });
}

/**
 * Imports a module of the learner's code that the exercise asks them to
 * create or extend, and fails with a readable message (not a type error) when
 * the file or the export is missing.
 */
export async function importExport<T>(load: () => Promise<Record<string, unknown>>, file: string, name: string): Promise<T> {
  let module: Record<string, unknown>;
  try {
    module = await load();
  } catch (error) {
    throw new Error(`could not import ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!(name in module)) throw new Error(`${file} has no export named ${name}`);
  return module[name] as T;
}
