// A lesson's `pnpm dev`: `node --import tsx ../../scripts/watch.ts src/server.ts`.
// Runs the server, restarts it when a file in its folder (src/) or in a
// workspace package's src/ changes, and ends when the server refuses to start
// or you press Ctrl+C. See lib/watch.ts for the rules. Beside it, tsc checks
// the folder's types and prints what it finds (lib/type-watch.ts).
import { dirname, join, relative } from 'node:path';
import { repoRoot } from './lib/lessons.ts';
import { watchTypes } from './lib/type-watch.ts';
import { packageSourceDirs, watchServer } from './lib/watch.ts';

const entry = process.argv[2];
if (!entry || process.argv.length > 3) {
  console.error('Usage: node --import tsx scripts/watch.ts <server entry, e.g. src/server.ts>');
  process.exit(2);
}

const cwd = process.cwd();
// Lessons import the workspace packages; a folder outside the workspace does not.
const inWorkspace = !relative(repoRoot, cwd).startsWith('..');
const types = watchTypes(cwd, join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), (line) => process.stdout.write(`${line}\n`));
process.on('exit', () => types?.stop());
const code = await watchServer({
  entry,
  cwd,
  watchDirs: [join(cwd, dirname(entry)), ...(inWorkspace ? packageSourceDirs(repoRoot) : [])],
});
process.exit(code);
