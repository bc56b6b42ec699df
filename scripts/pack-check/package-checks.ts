// The checks every package runs on its own tarball, in its own `pnpm test`:
// what `pnpm pack` puts in it, the package.json npm will read, publint and
// @arethetypeswrong/cli. Each package's test/pack.test.ts calls this once.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { attwTarball, publintTarball } from './lint.ts';
import { packPackage, readManifest, type PackedPackage } from './pack.ts';

/** Generous: building and packing on a loaded 2-core machine, never a measure of speed. */
export const packHangGuard = 5 * 60_000;

/** The files a tarball may hold besides dist/: npm always adds package.json, README and LICENSE. */
const documents = ['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json'];

export function definePackChecks(packageDir: string): void {
  const workspaceManifest = readManifest(packageDir);
  let destination: string;
  let packed: PackedPackage;

  beforeAll(async () => {
    destination = mkdtempSync(join(tmpdir(), `forum-lessons-pack-${basename(packageDir)}-`));
    packed = await packPackage(packageDir, destination);
  }, packHangGuard);

  afterAll(() => {
    if (destination) rmSync(destination, { recursive: true, force: true });
  }, packHangGuard);

  test('the tarball holds the built JavaScript with its declarations, the README, the LICENSE and the CHANGELOG, and nothing else', () => {
    const paths = packed.files.map((file) => file.path);
    const modules = readdirSync(join(packageDir, 'src'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => name.slice(0, -'.ts'.length));
    const built = modules.flatMap((module) => [`dist/${module}.d.ts`, `dist/${module}.js`]);

    expect(paths).toEqual([...built, ...documents].sort((a, b) => a.localeCompare(b)));
  });

  test('the packed package.json points at dist/, types first, and has no workspace: range and no private flag', () => {
    const { manifest } = packed;

    expect(manifest).toMatchObject({
      name: workspaceManifest.name,
      version: workspaceManifest.version,
      type: 'module',
      sideEffects: false,
      main: './dist/index.js',
      types: './dist/index.d.ts',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      license: 'MIT',
      repository: { type: 'git', directory: `packages/${basename(packageDir)}` },
      engines: { node: expect.any(String) },
    });
    expect(Object.keys((manifest.exports as Record<string, object>)['.']!)[0]).toBe('types');
    expect(manifest).not.toHaveProperty('private');
    expect(manifest).not.toHaveProperty('publishConfig');
    const ranges = Object.values({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.devDependencies });
    expect(ranges.filter((range) => range.startsWith('workspace:'))).toEqual([]);
  });

  test('the workspace keeps resolving the source, and no script publishes', () => {
    expect(workspaceManifest.exports).toEqual({ '.': './src/index.ts' });
    expect(workspaceManifest.types).toBe('./src/index.ts');
    expect(Object.keys(workspaceManifest.scripts ?? {}).filter((name) => /publish|release/.test(name))).toEqual([]);
  });

  test('every peer dependency is also a devDependency, so the workspace tests run against it', () => {
    const peers = Object.keys(workspaceManifest.peerDependencies ?? {});

    expect(peers.filter((name) => !(name in (workspaceManifest.devDependencies ?? {})))).toEqual([]);
  });

  test('the CHANGELOG has an entry for this version and the README installs this tarball', () => {
    const changelog = readFileSync(join(packageDir, 'CHANGELOG.md'), 'utf8');
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');

    expect(changelog).toMatch(new RegExp(`^## ${workspaceManifest.version.replaceAll('.', '\\.')}\\b`, 'm'));
    expect(readme).toMatch(/^## Install$/m);
    expect(readme.includes(packed.fileName), `README.md should tell how to install ${packed.fileName}`).toBe(true);
  });

  test('publint finds nothing in the tarball, suggestions included', async () => {
    const { ok, report } = await publintTarball(packageDir, packed.tarball);

    expect(ok, report).toBe(true);
  }, packHangGuard);

  test('@arethetypeswrong/cli finds no problem in any TypeScript resolution mode', async () => {
    const { ok, report } = await attwTarball(packageDir, packed.tarball);

    expect(ok, report).toBe(true);
  }, packHangGuard);
}
