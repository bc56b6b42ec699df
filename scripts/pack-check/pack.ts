// Packs a workspace package the way it would be published: `pnpm pack`
// runs the package's `prepack` script (a clean `tsc` build into dist/),
// applies `publishConfig` (the dist entry points replace the src ones) and
// turns `workspace:*` into the version. Decision 007 explains the layout.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { withLock } from './lock.ts';
import { run } from './run.ts';
import { readTarball } from './tarball.ts';

export interface PackedFile {
  path: string;
  size: number;
}

export interface PackedPackage {
  name: string;
  version: string;
  /** Absolute path of the .tgz. */
  tarball: string;
  /** The tarball's file name, e.g. `forum-lessons-session-store-0.1.0.tgz`. */
  fileName: string;
  /** Bytes of the .tgz. */
  size: number;
  /** Every file in the tarball, sorted by path. */
  files: PackedFile[];
  /** The package.json inside the tarball: what npm reads. */
  manifest: PackedManifest;
}

export interface PackedManifest {
  name: string;
  version: string;
  exports?: unknown;
  main?: string;
  types?: string;
  files?: string[];
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  publishConfig?: unknown;
  private?: boolean;
  [field: string]: unknown;
}

/**
 * Runs `pnpm pack` in `packageDir` and writes the tarball to `destination`.
 * Holds the package's lock while its dist/ exists, and removes dist/
 * afterwards: inside the workspace, nothing imports it (the lessons use
 * src/), and a stale dist/ must never be packed by mistake.
 */
export async function packPackage(packageDir: string, destination: string): Promise<PackedPackage> {
  return withLock(packageDir, async () => {
    try {
      const { stdout } = await run('pnpm', ['pack', '--pack-destination', destination, '--json'], { cwd: packageDir });
      // The prepack build prints its own lines first; the JSON starts at the first line that is `{`.
      const json = stdout.slice(stdout.search(/^\{$/m));
      const result = JSON.parse(json) as { name: string; version: string; filename: string };
      const tarball = isAbsolute(result.filename) ? result.filename : join(destination, basename(result.filename));
      const entries = readTarball(tarball);
      const manifestEntry = entries.find((entry) => entry.path === 'package.json');
      if (!manifestEntry) throw new Error(`${tarball} has no package.json`);
      return {
        name: result.name,
        version: result.version,
        tarball,
        fileName: basename(tarball),
        size: statSync(tarball).size,
        files: entries.map((entry) => ({ path: entry.path, size: entry.contents.length })).sort((a, b) => a.path.localeCompare(b.path)),
        manifest: JSON.parse(manifestEntry.contents.toString('utf8')) as PackedManifest,
      };
    } finally {
      rmSync(join(packageDir, 'dist'), { recursive: true, force: true });
    }
  });
}

/** The package.json of a workspace package, as it is on disk. */
export function readManifest(packageDir: string): PackedManifest {
  return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackedManifest;
}
