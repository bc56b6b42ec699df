// The three packages as a stranger gets them: packed with `pnpm pack`,
// installed with npm into a project outside the workspace, and used from
// plain JavaScript (import and require) and from TypeScript. The app lives
// in scripts/pack-check/fixtures; decision 007 explains the choices.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import * as errorHandlerSource from '@forum-lessons/error-handler';
import * as middlewareSource from '@forum-lessons/middleware';
import { createConsumer, type Consumer } from '../../../scripts/pack-check/consumer.ts';
import { declaredExports } from '../../../scripts/pack-check/declared-exports.ts';
import { packPackage, readManifest, type PackedPackage } from '../../../scripts/pack-check/pack.ts';
import { packagesDir } from '../../../scripts/pack-check/paths.ts';
import * as sessionStoreSource from '../src/index.ts';

// Packing three packages, compiling better-sqlite3 on the first run (a
// minute or two on 2 cores) and two npm installs: a guard against a hang,
// not a measure of speed.
const hangGuard = 15 * 60_000;

const { describeExports } = createRequire(import.meta.url)('../../../scripts/pack-check/fixtures/export-shape.cjs') as {
  describeExports: (namespace: object) => Record<string, string>;
};

const names = ['error-handler', 'middleware', 'session-store'] as const;
const packageDir = (name: string) => join(packagesDir, name);
const manifests = Object.fromEntries(names.map((name) => [name, readManifest(packageDir(name))]));
const peer = (name: (typeof names)[number], dependency: string) => manifests[name]!.peerDependencies![dependency]!;
/** The lowest version a peer range allows: `^1.18.2` → `1.18.2`, `^4.21.2 || ^5.0.0` → `4.21.2`. */
const lowest = (range: string) => /\d+\.\d+\.\d+/.exec(range)![0];

const sourceExports = {
  '@forum-lessons/session-store': describeExports(sessionStoreSource),
  '@forum-lessons/error-handler': describeExports(errorHandlerSource),
  '@forum-lessons/middleware': describeExports(middlewareSource),
};

let destination: string;
let packed: Record<string, PackedPackage>;
let express5: Consumer;
let express4: Consumer;

beforeAll(async () => {
  destination = mkdtempSync(join(tmpdir(), 'forum-lessons-tarballs-'));
  packed = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await packPackage(packageDir(name), destination)] as const)));
  const tarball = (name: (typeof names)[number]) => packed[name]!.tarball;
  const betterSqlite3 = manifests['session-store']!.dependencies!['better-sqlite3']!;
  [express5, express4] = await Promise.all([
    // The newest releases the ranges allow (when the cache in consumer.ts was made).
    createConsumer({
      name: 'express5',
      tarballs: names.map(tarball),
      dependencies: {
        express: peer('middleware', 'express'),
        'express-session': peer('session-store', 'express-session'),
        zod: peer('middleware', 'zod'),
        '@types/express': peer('middleware', '@types/express'),
        '@types/express-session': peer('session-store', '@types/express-session'),
        '@types/better-sqlite3': peer('session-store', '@types/better-sqlite3'),
        '@types/node': '^20.19.0',
      },
      files: ['scenario.cjs', 'export-shape.cjs', 'express5/esm.mjs', 'express5/cjs.cjs', 'express5/types.mts', 'express5/types.cts', 'express5/tsconfig.json'],
      betterSqlite3,
    }),
    // The oldest: Express 4 and the lowest express-session the store allows.
    createConsumer({
      name: 'express4',
      tarballs: [tarball('error-handler'), tarball('session-store')],
      dependencies: {
        express: lowest(peer('error-handler', 'express')),
        'express-session': lowest(peer('session-store', 'express-session')),
        'http-errors': '^2.0.0',
        '@types/express': lowest(peer('error-handler', '@types/express')),
        '@types/express-session': lowest(peer('session-store', '@types/express-session')),
        '@types/better-sqlite3': peer('session-store', '@types/better-sqlite3'),
        '@types/node': '^20.19.0',
      },
      files: ['scenario.cjs', 'export-shape.cjs', 'express4/app.cjs', 'express4/types.cts', 'express4/tsconfig.json'],
      betterSqlite3,
    }),
  ]);
}, hangGuard);

// Two projects of about 50 MB each: deleting them on a busy disk can take longer than vitest's default 10 s.
afterAll(() => {
  express5?.remove();
  express4?.remove();
  if (destination) rmSync(destination, { recursive: true, force: true });
}, hangGuard);

const problemJson = 'application/problem+json; charset=utf-8';
const ada = { id: 1, name: 'ada' };

/** What every variant of the app must answer (scripts/pack-check/fixtures/scenario.cjs). */
const expectedAnswers = {
  login: { status: 200, body: ada, cookie: expect.stringMatching(/^connect\.sid=/) },
  me: { status: 200, body: ada },
  meAfterRestart: { status: 200, body: ada },
  anonymous: {
    status: 401,
    type: problemJson,
    body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'You must be logged in', instance: '/me' },
  },
  notFound: {
    status: 404,
    type: problemJson,
    body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Cannot GET /nowhere', instance: '/nowhere' },
  },
  invalid: {
    status: 400,
    type: problemJson,
    body: {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Request validation failed',
      instance: '/login',
      errors: [{ path: 'name', location: 'body', message: expect.any(String) }],
    },
  },
  malformed: { status: 400, type: problemJson, body: { status: 400, detail: 'Malformed JSON in request body' } },
  storedSessions: 1,
  logged: [],
};

async function runApp(consumer: Consumer, file: string) {
  const { stdout } = await consumer.node(file, join(consumer.dir, `${file}.db`));
  return JSON.parse(stdout) as typeof expectedAnswers & { exports: Record<string, Record<string, string>> };
}

test('an ES module app on Express 5 logs in, keeps the session in a new store on the same file, and answers a 404 and a validation error as problem details', async () => {
  const answers = await runApp(express5, 'esm.mjs');

  expect(answers).toMatchObject(expectedAnswers);
  expect(answers.exports).toEqual(sourceExports);
}, hangGuard);

test('the same app in CommonJS gets every package, with the same exports as the source, from require()', async () => {
  const answers = await runApp(express5, 'cjs.cjs');

  expect(answers).toMatchObject(expectedAnswers);
  expect(answers.exports).toEqual(sourceExports);
}, hangGuard);

test('on Express 4 with the lowest express-session, the store and the error handler work from require()', async () => {
  const answers = await runApp(express4, 'app.cjs');

  expect(express4.versions).toMatchObject({ express: expect.stringMatching(/^4\./), 'express-session': lowest(peer('session-store', 'express-session')) });
  expect(answers).toMatchObject(expectedAnswers);
  expect(answers.exports).toEqual({
    '@forum-lessons/session-store': sourceExports['@forum-lessons/session-store'],
    '@forum-lessons/error-handler': sourceExports['@forum-lessons/error-handler'],
  });
}, hangGuard);

test('the shipped declarations export the same names, types included, with the same kinds as the source', () => {
  const sources = names.map((name) => join(packageDir(name), 'src', 'index.ts'));
  const shipped = names.map((name) => join(express5.dir, 'node_modules', '@forum-lessons', name, 'dist', 'index.d.ts'));
  const fromSource = declaredExports(sources);
  const fromDist = declaredExports(shipped);

  names.forEach((name, i) => {
    expect(fromDist[shipped[i]!], name).toEqual(fromSource[sources[i]!]);
  });
}, hangGuard);

test('a TypeScript app typechecks against the shipped declarations, as an ES module and as CommonJS', async () => {
  await expect(express5.tsc('tsconfig.json')).resolves.toMatchObject({ stdout: '' });
}, hangGuard);

test("a CommonJS TypeScript app typechecks on Express 4's types", async () => {
  await expect(express4.tsc('tsconfig.json')).resolves.toMatchObject({ stdout: '' });
}, hangGuard);
