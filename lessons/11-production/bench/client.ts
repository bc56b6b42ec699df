// A small HTTP client for the benchmarks, on node:http with keep-alive. Not
// fetch: Node's fetch adds headers of its own (Sec-Fetch-Mode, and more in
// later versions), and the cross-origin check reads exactly those. A request
// here sends no Origin and no Sec-Fetch-Site, as curl or a server would, so
// writes pass the check as a non-browser client's do.
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  /** The session cookie, `forum.sid=…`. */
  cookie?: string;
  /** Sent as JSON with Content-Type: application/json. */
  json?: unknown;
  /** Sent as it is, with Content-Type: application/json (for malformed JSON). */
  rawJson?: string;
  /** The whole request, from connecting to the last byte of the answer. */
  timeoutMs?: number;
}

/** Thrown when a request takes longer than its timeoutMs. */
export class RequestTimeout extends Error {
  constructor(method: string, path: string, ms: number) {
    super(`${method} ${path}: no complete answer within ${ms} ms`);
    this.name = 'RequestTimeout';
  }
}

export interface Client {
  request(method: string, path: string, options?: RequestOptions): Promise<Answer>;
  close(): void;
}

/** A client for one server, reusing up to `maxSockets` connections. */
export function createClient(baseUrl: string, maxSockets = 16): Client {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    request(method, path, { cookie, json, rawJson, timeoutMs = 10_000 } = {}) {
      const body = rawJson ?? (json === undefined ? undefined : JSON.stringify(json));
      const headers: Record<string, string> = { accept: 'application/json, text/html, */*' };
      if (cookie !== undefined) headers.cookie = cookie;
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      return new Promise<Answer>((resolve, reject) => {
        const req = httpRequest({ host: base.hostname, port: base.port, method, path, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
          });
        });
        const timer = setTimeout(() => req.destroy(new RequestTimeout(method, path, timeoutMs)), timeoutMs);
        req.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        req.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/** `forum.sid=…` from an answer's Set-Cookie, or an error naming what came back. */
export function sessionCookieOf(answer: Answer): string {
  const cookie = answer.headers['set-cookie']?.map((line) => line.split(';')[0]!).find((pair) => pair.startsWith('forum.sid='));
  if (cookie === undefined) throw new Error(`expected a forum.sid cookie, got ${answer.status} ${answer.body.slice(0, 200)}`);
  return cookie;
}

/** The answer's JSON, after checking its status. */
export function expectJson<T>(answer: Answer, status: number, what: string): T {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body) as T;
}

// #region seed
/** Who the benchmarks log in as. The passwords pass the lesson's password policy. */
export const BENCH_ADMIN_EMAIL = 'admin@bench.example';
const ADMIN = { username: 'benchadmin', email: BENCH_ADMIN_EMAIL, password: 'a long phrase only I know 42' };
const MEMBER_PASSWORD = 'correct horse battery staple';

export interface Member {
  email: string;
  password: string;
  cookie: string;
}

export interface Seeded {
  adminCookie: string;
  members: Member[];
  postIds: number[];
}

/**
 * Through the API, as a user would: the admin (ADMIN_EMAIL, so approved at
 * registration) logs in, `members` members register and are approved, the
 * admin writes `posts` posts, and every member logs in.
 */
export async function seedForum(client: Client, { members = 1, posts = 20 } = {}): Promise<Seeded> {
  expectJson(await client.request('POST', '/api/v1/auth/register', { json: ADMIN }), 201, 'register the admin');
  const adminCookie = sessionCookieOf(await client.request('POST', '/api/v1/auth/login', { json: { email: ADMIN.email, password: ADMIN.password } }));
  const seededMembers: Member[] = [];
  for (let i = 1; i <= members; i++) {
    const member = { username: `member${i}`, email: `member${i}@bench.example`, password: MEMBER_PASSWORD };
    const { id } = expectJson<{ id: number }>(await client.request('POST', '/api/v1/auth/register', { json: member }), 201, `register ${member.email}`);
    expectJson(await client.request('POST', `/api/v1/users/${id}/approve`, { cookie: adminCookie }), 200, `approve ${member.email}`);
    const login = await client.request('POST', '/api/v1/auth/login', { json: { email: member.email, password: member.password } });
    expectJson(login, 200, `log in ${member.email}`);
    seededMembers.push({ email: member.email, password: member.password, cookie: sessionCookieOf(login) });
  }
  const postIds: number[] = [];
  for (let i = 1; i <= posts; i++) {
    const post = { title: `Benchmark post ${i}`, body: `Post number ${i}, written so that GET /api/v1/posts has a full page to answer.` };
    postIds.push(expectJson<{ id: number }>(await client.request('POST', '/api/v1/posts', { cookie: adminCookie, json: post }), 201, `write post ${i}`).id);
  }
  return { adminCookie, members: seededMembers, postIds };
}
// #endregion seed
