// What differs from run to run in a lesson's answers, replaced by a
// placeholder after a check that it has the expected form: the request id
// (`<request-id>`), the session cookie's value (`<session-cookie>`), its
// expiry (`<now + 7 days>`) and every timestamp made during the run
// (`<timestamp>`). The API reference's examples (api-examples.test.ts) and
// lesson 07's walkthrough (docs/test/lesson-07-walkthrough.test.ts) both use
// them, so the two show the same placeholders.
import { expect } from 'vitest';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
// express-session's cookie value: `s:` (URL-encoded), the session id, a dot and its signature.
const signedSessionId = /^s%3A[\w-]+\.[\w%+/=-]+$/;
const day = 24 * 60 * 60 * 1000;

/** When the requests were sent, and the cookie lifetime of the app that answered them. */
export interface Run {
  /** Date.now() before the first request. */
  startedAt: number;
  /** Date.now() after the last answer. */
  finishedAt: number;
  /** The app's config.sessionMaxAgeMs. */
  sessionMaxAgeMs: number;
}

/** `<request-id>`, after checking that `id` is a UUID. */
export function requestIdPlaceholder(id: unknown): string {
  expect(id).toMatch(uuid);
  return '<request-id>';
}

function madeDuring(run: Run, value: string): boolean {
  const time = Date.parse(value);
  return isoTimestamp.test(value) && time >= run.startedAt - 1000 && time <= run.finishedAt + 1000;
}

/** A parsed JSON body with its request id and every timestamp the run made replaced by placeholders. */
export function normaliseBody(value: unknown, run: Run, key?: string): unknown {
  if (typeof value === 'string') {
    if (key === 'requestId') return requestIdPlaceholder(value);
    return madeDuring(run, value) ? '<timestamp>' : value;
  }
  if (Array.isArray(value)) return value.map((item) => normaliseBody(item, run));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, normaliseBody(item, run, name)]));
  }
  return value;
}

/** `forum.sid=<session-cookie>; Path=/; Expires=<now + 7 days>; HttpOnly; SameSite=Lax`; a cleared cookie stays as it is. */
export function normaliseSetCookie(line: string, run: Run): string {
  const expiresLabel = run.sessionMaxAgeMs % day === 0 ? `<now + ${run.sessionMaxAgeMs / day} days>` : `<now + ${run.sessionMaxAgeMs} ms>`;
  return line
    .split('; ')
    .map((part, index) => {
      if (index === 0) {
        const [name, value = ''] = part.split(/=(.*)/s);
        if (value === '') return part;
        expect(value).toMatch(signedSessionId);
        return `${name}=<session-cookie>`;
      }
      if (part.startsWith('Expires=')) {
        const expires = Date.parse(part.slice('Expires='.length));
        if (expires === 0) return part;
        // The header has whole seconds; allow for the rounding down.
        expect(expires).toBeGreaterThanOrEqual(run.startedAt + run.sessionMaxAgeMs - 1000);
        expect(expires).toBeLessThanOrEqual(run.finishedAt + run.sessionMaxAgeMs);
        return `Expires=${expiresLabel}`;
      }
      return part;
    })
    .join('; ');
}
