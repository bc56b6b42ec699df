// Keeps the examples on docs/reference/errors.md true. Each test sends one
// request to the examples app and compares the exchange with its file in
// docs/reference/examples/, a vitest file snapshot. When a message in the
// packages changes, the test fails until you regenerate the files:
//
//   cd docs && pnpm examples        # vitest run --update=all on the example tests
//
// then review the diff of docs/reference/examples/ and commit it.
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import request, { type Response } from 'supertest';
import { expect, onTestFinished, test } from 'vitest';
import { createErrorExamplesApp, errorExamples, EXAMPLE_REQUEST_ID, openExamplesDatabase, type ErrorExample } from './error-examples.ts';
import { examplesShownOn, expectNoStaleExampleFiles } from './example-files.ts';

const examplesDir = fileURLToPath(new URL('../../reference/examples/', import.meta.url));
const pagePath = fileURLToPath(new URL('../../reference/errors.md', import.meta.url));

/** Request bodies longer than this are shown shortened, with their Content-Length. */
const maxBodyShown = 100;

async function send(example: ErrorExample): Promise<{ res: Response; logged: ErrorLogEntry[] }> {
  const db = openExamplesDatabase();
  onTestFinished(() => {
    db.close();
  });
  const logged: ErrorLogEntry[] = [];
  const app = createErrorExamplesApp({ db, log: (entry) => logged.push(entry) });

  let req = example.method === 'GET' ? request(app).get(example.path) : request(app).post(example.path);
  for (const [name, value] of Object.entries(example.headers ?? {})) req = req.set(name, value);
  if (example.body !== undefined) req = req.send(example.body);
  return { res: await req, logged };
}

function showRequest(example: ErrorExample): string {
  const lines = [`${example.method} ${example.path} HTTP/1.1`];
  for (const [name, value] of Object.entries(example.headers ?? {})) lines.push(`${name}: ${value}`);
  const { body } = example;
  if (body === undefined) return lines.join('\n');
  if (body.length <= maxBodyShown) return `${lines.join('\n')}\n\n${body}`;
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\n')}\n\n${body.slice(0, maxBodyShown)}…`;
}

// The handler sends compact JSON; the file indents it so that a person can
// read it. Key order is the order the handler wrote.
function showResponse(res: Response): string {
  const lines = [`HTTP/1.1 ${res.status} ${STATUS_CODES[res.status] ?? ''}`, `Content-Type: ${String(res.headers['content-type'])}`];
  const id: unknown = res.headers['x-request-id'];
  if (typeof id === 'string') lines.push(`X-Request-Id: ${id}`);
  return `${lines.join('\n')}\n\n${JSON.stringify(JSON.parse(res.text), null, 2)}`;
}

test.for(errorExamples.map((example) => [example.name, example] as const))('%s: the answer matches its file', async ([, example]) => {
  const { res, logged } = await send(example);
  const actual = `${showRequest(example)}\n\n${showResponse(res)}\n`;

  // The name says which status the example shows.
  expect(res.status).toBe(Number(example.name.slice(0, 3)));
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(res.body).toMatchObject({ type: 'about:blank', status: res.status, requestId: EXAMPLE_REQUEST_ID });
  // Only the 5xx goes to the log; its message never reaches the client.
  if (res.status >= 500) {
    expect(logged).toMatchObject([{ level: 'error', status: 500, requestId: EXAMPLE_REQUEST_ID }]);
    expect(res.text).not.toContain('ENOENT');
  } else {
    expect(logged).toEqual([]);
  }

  await expect(actual).toMatchFileSnapshot(join(examplesDir, `${example.name}.http`));
});

test('docs/reference/examples holds no file without an example', () => {
  expectNoStaleExampleFiles(examplesDir, errorExamples.map((example) => example.name));
});

test('docs/reference/errors.md shows every example', () => {
  expect(examplesShownOn(pagePath, 'examples').toSorted()).toEqual(errorExamples.map((example) => example.name).toSorted());
});
