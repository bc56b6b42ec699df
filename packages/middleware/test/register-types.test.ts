import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const project = fileURLToPath(new URL('../type-tests/tsconfig.json', import.meta.url));

// The fixture registers its own user type. It is compiled on its own because
// a `declare module` augmentation applies to the whole program it is part of.
test('registering a user type narrows req.user and loadUser', async () => {
  const run = promisify(execFile)(process.execPath, [tsc, '-p', project]);

  await expect(run).resolves.toMatchObject({ stdout: '' });
}, 60_000);
