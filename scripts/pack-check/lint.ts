// The two package linters, run on the packed tarball rather than on the
// package folder: the folder's package.json points at src/ for the
// workspace, and only the tarball has the entry points that get published.
// Both tools are devDependencies of each package, so they are loaded from
// the package's own node_modules.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CommandError, run } from './run.ts';

/**
 * Rules of `attw` this project turns off, with the reason. `attw` has no
 * notion of Node's require(esm) yet (arethetypeswrong issue 252): it reports
 * every ESM-only package as "ESM (dynamic import only)" for CommonJS
 * callers, which Node 20.19+ and 22.12+ no longer are. The stranger test
 * proves `require()` works; decision 007 has the details.
 */
export const ATTW_IGNORED_RULES = ['cjs-resolves-to-esm'];

/** The `attw` command line, minus the tarball. */
export const ATTW_ARGS = ['--ignore-rules', ...ATTW_IGNORED_RULES, '--format', 'table-flipped', '--no-emoji', '--no-color', '--no-summary'];

export interface LintResult {
  ok: boolean;
  /** What the tool printed, or one line per message. */
  report: string;
}

// The parts of publint's API used here (publint 0.3).
interface PublintMessage {
  code: string;
  type: 'error' | 'warning' | 'suggestion';
}
interface PublintModule {
  publint(options: { pack: { tarball: ArrayBuffer }; level: 'suggestion'; strict: boolean }): Promise<{ messages: PublintMessage[]; pkg: unknown }>;
}
interface PublintUtils {
  formatMessage(message: PublintMessage, pkg: unknown, options?: { color?: boolean }): string | undefined;
}

/** publint, strict, every level down to suggestions: passes only with no message at all. */
export async function publintTarball(packageDir: string, tarball: string): Promise<LintResult> {
  const require = createRequire(join(packageDir, 'package.json'));
  const { publint } = (await import(pathToFileURL(require.resolve('publint')).href)) as PublintModule;
  const { formatMessage } = (await import(pathToFileURL(require.resolve('publint/utils')).href)) as PublintUtils;
  const bytes = readFileSync(tarball);
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const { messages, pkg } = await publint({ pack: { tarball: data }, level: 'suggestion', strict: true });
  const report = messages.map((message) => `${message.type} ${message.code}: ${formatMessage(message, pkg, { color: false }) ?? ''}`).join('\n');
  return { ok: messages.length === 0, report: report || 'publint: no messages' };
}

/** @arethetypeswrong/cli on the tarball: every resolution mode TypeScript has (node10, node16 from CJS and ESM, bundler). */
export async function attwTarball(packageDir: string, tarball: string): Promise<LintResult> {
  const require = createRequire(join(packageDir, 'package.json'));
  const manifestPath = require.resolve('@arethetypeswrong/cli/package.json');
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: { attw: string } };
  const cli = join(dirname(manifestPath), bin.attw);
  try {
    const { stdout } = await run(process.execPath, [cli, ...ATTW_ARGS, tarball], { cwd: packageDir });
    return { ok: true, report: stdout };
  } catch (error) {
    if (error instanceof CommandError && error.exitCode === 1) return { ok: false, report: error.stdout + error.stderr };
    throw error;
  }
}
