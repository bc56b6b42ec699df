// A stranger's project: a fresh folder outside the workspace where npm
// installs the packed tarballs and their peers from the registry, as someone
// who found the packages would. What is reused between runs is the
// project's node_modules from the registry (better-sqlite3 compiles from
// source here, for a minute or two); the tarballs are always the ones just
// packed, installed with `npm install ./some-package-0.1.0.tgz`.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { withLock } from './lock.ts';
import { fixturesDir, repoRoot } from './paths.ts';
import { run, strangerEnv, type RunResult } from './run.ts';

const npmArgs = ['--no-audit', '--no-fund', '--prefer-offline', '--no-update-notifier'];

export interface ConsumerOptions {
  /** A short name for the folder, e.g. `express5`. */
  name: string;
  /** Paths of the .tgz files to install. */
  tarballs: string[];
  /** Registry packages and the versions to install. */
  dependencies: Record<string, string>;
  /** Fixture files (relative to scripts/pack-check/fixtures) copied into the project root under their base names. */
  files: string[];
  /** The better-sqlite3 range the session store depends on: the cached build must satisfy it. */
  betterSqlite3: string;
}

export interface Consumer {
  dir: string;
  /** The version npm installed for each package in `dependencies` and each tarball's package. */
  versions: Record<string, string>;
  /** Runs `node <file> ...args` in the project. */
  node(file: string, ...args: string[]): Promise<RunResult>;
  /** Typechecks the project with this repository's TypeScript, as `tsc -p <tsconfig>`. */
  tsc(tsconfig: string): Promise<RunResult>;
  remove(): void;
}

/** `${XDG_CACHE_HOME:-~/.cache}/express-forum-lessons/pack-check`: the node_modules kept between runs. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'express-forum-lessons', 'pack-check');
}

interface Seed {
  /** Part of the folder name, with this Node's ABI, platform and CPU. */
  name: string;
  dependencies: Record<string, string>;
  /** The seed this one starts from, instead of an empty folder. */
  from?: Seed;
}

/**
 * Copies a node_modules folder kept in the cache into `target`, installing
 * it first if needed. The first seed holds only a built better-sqlite3; each
 * kind of stranger project has a seed that starts from a copy of it and adds
 * its registry packages, so better-sqlite3 compiles once. A seed is
 * installed afresh when its package list changed or better-sqlite3 no longer
 * loads. Delete the cache folder to pick up newer releases of the peers.
 */
async function copySeed(seed: Seed, target: string): Promise<void> {
  const dir = join(cacheDir(), `${seed.name}-node${process.versions.modules}-${process.platform}-${process.arch}`);
  await withLock(dir, async () => {
    const manifest = {
      name: `forum-lessons-pack-check-${seed.name}`,
      private: true,
      description: 'node_modules that scripts/pack-check/consumer.ts copies into each stranger project.',
      dependencies: seed.dependencies,
      // npm 11 only warns about unapproved install scripts; later npm skips them.
      allowScripts: { 'better-sqlite3': true },
    };
    const wanted = `${JSON.stringify(manifest, null, 2)}\n`;
    // Written only after npm succeeded, so a half-finished install is redone.
    const done = join(dir, 'installed.json');
    const env = strangerEnv();
    let ready = existsSync(done) && readFileSync(done, 'utf8') === wanted;
    if (ready) {
      try {
        await run(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: dir, env });
      } catch {
        ready = false; // built for another Node
      }
    }
    if (!ready) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      if (seed.from) await copySeed(seed.from, dir);
      writeFileSync(join(dir, 'package.json'), wanted);
      await run('npm', ['install', ...npmArgs], { cwd: dir, env });
      writeFileSync(done, wanted);
    }
    // With its hidden lockfile (node_modules/.package-lock.json), so npm
    // sees what is there and keeps it; symlinks in .bin stay relative.
    cpSync(join(dir, 'node_modules'), join(target, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  });
}

/** Creates the project, installs everything with npm, and copies the fixture files in. */
export async function createConsumer(options: ConsumerOptions): Promise<Consumer> {
  const betterSqlite3 = { 'better-sqlite3': options.betterSqlite3 };
  const dir = mkdtempSync(join(tmpdir(), `forum-lessons-stranger-${options.name}-`));
  const env = strangerEnv();
  try {
    const base: Seed = { name: 'better-sqlite3', dependencies: betterSqlite3 };
    await copySeed({ name: options.name, dependencies: { ...betterSqlite3, ...options.dependencies }, from: base }, dir);
    const manifest = {
      name: `forum-lessons-stranger-${options.name}`,
      private: true,
      description: 'A project outside the workspace that installs the packed @forum-lessons packages.',
      dependencies: options.dependencies,
      allowScripts: { 'better-sqlite3': true },
    };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // The tarballs as a stranger adds them: `npm install ./some-package-0.1.0.tgz`.
    await run('npm', ['install', ...npmArgs, ...options.tarballs], { cwd: dir, env });
    // npm only warns about a peer dependency outside its range; `npm ls`
    // fails on it, so the peer ranges are checked against what got installed.
    await run('npm', ['ls', '--all'], { cwd: dir, env });
    for (const file of options.files) cpSync(join(fixturesDir, file), join(dir, file.split('/').pop()!));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const installed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const versions = Object.fromEntries(
    Object.keys(installed.dependencies).map((name) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      return [name, manifest.version];
    }),
  );
  const tsc = createRequire(join(repoRoot, 'package.json')).resolve('typescript/bin/tsc');

  return {
    dir,
    versions,
    node: (file, ...args) => run(process.execPath, [file, ...args], { cwd: dir, env }),
    tsc: (tsconfig) => run(process.execPath, [tsc, '-p', tsconfig], { cwd: dir, env }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
