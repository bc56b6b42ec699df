// What the lesson walkthrough tests (lesson-0N-walkthrough.test.ts) share:
// they write curl commands and their answers in the transcript's format, and
// keep cookie jars as curl does.
import { STATUS_CODES } from 'node:http';
import type { Response } from 'supertest';
import { expect } from 'vitest';
import { normaliseBody, normaliseSetCookie, type Run } from '../exercises/reference/placeholders.ts';

/** The address the transcripts' commands use: `pnpm dev N` with its default PORT. */
export const base = 'http://localhost:3000';

/** One curl command of a transcript. `jar` is the cookie jar file; cookies.txt unless given. */
export interface CurlRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: object;
  jar?: string;
}

/** The headers each answer shows, in the order the server sent them; the names as Express writes them. */
const shownHeaders: Readonly<Record<string, string>> = {
  location: 'Location',
  'set-cookie': 'Set-Cookie',
  'cache-control': 'Cache-Control',
  'content-type': 'Content-Type',
};

/** A shell word: quoted when it holds anything but plain characters, as a person would type it. */
function shellWord(word: string): string {
  if (/^[\w./:=@%+-]+$/.test(word)) return word;
  expect(word, 'a quoted word cannot hold a single quote').not.toContain("'");
  return `'${word}'`;
}

export function curlCommand(step: CurlRequest): string {
  const file = step.jar ?? 'cookies.txt';
  const words = ['curl', '-i', '-b', file, '-c', file];
  // -d sends the body with POST; a POST without a body says so with -X.
  if (step.body !== undefined) words.push('-H', 'Content-Type: application/json', '-d', JSON.stringify(step.body));
  else if (step.method === 'POST') words.push('-X', 'POST');
  words.push(`${base}${step.path}`);
  return `$ ${words.map(shellWord).join(' ')}`;
}

/** A cookie jar, as curl keeps one in a file: name to value. */
export type Jar = Map<string, string>;

/** What curl does with a Set-Cookie header: keep the cookie, or drop it when it has expired. */
export function storeCookie(cookies: Jar, line: string): void {
  const [pair = '', ...attributes] = line.split('; ');
  const [name = '', value = ''] = pair.split(/=(.*)/s);
  const expires = attributes.find((attribute) => attribute.startsWith('Expires='));
  const maxAge = attributes.find((attribute) => attribute.startsWith('Max-Age='));
  const expired =
    (expires !== undefined && Date.parse(expires.slice('Expires='.length)) <= Date.now()) ||
    (maxAge !== undefined && Number(maxAge.slice('Max-Age='.length)) <= 0);
  if (expired) cookies.delete(name);
  else cookies.set(name, value);
}

/** An answer as `curl -i` prints it, with placeholders for what changes from run to run. */
export function showAnswer(res: Response, run: Run): string {
  const lines = [`HTTP/1.1 ${res.status} ${STATUS_CODES[res.status] ?? ''}`];
  for (const [name, value] of Object.entries(res.headers)) {
    const shown = shownHeaders[name];
    if (shown === undefined) continue;
    for (const one of [value ?? []].flat()) lines.push(`${shown}: ${name === 'set-cookie' ? normaliseSetCookie(String(one), run) : String(one)}`);
  }
  // curl prints the body as it came: compact JSON.
  if (res.text === '') return lines.join('\n');
  return `${lines.join('\n')}\n\n${JSON.stringify(normaliseBody(JSON.parse(res.text), run))}`;
}
