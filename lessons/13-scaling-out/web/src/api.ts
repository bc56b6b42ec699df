// The page's only way to the server: the JSON API the root app mounts at
// /api/v1. Every call goes through request(), which sends and reads JSON and
// turns an error answer (application/problem+json) into an ApiProblem that
// the views can show.

// #region types
// The shapes the API answers, as its routes define them (src/routes/*.ts).
// The page keeps its own copy: it is a client and must not import the server.
export interface User {
  id: number;
  username: string;
  email: string;
  status: 'pending' | 'approved';
  role: 'member' | 'admin';
  createdAt: string;
}

export interface Author {
  id: number;
  username: string;
}

export interface Post {
  id: number;
  title: string;
  body: string;
  author: Author;
  replyCount: number;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
}

export interface Reply {
  id: number;
  postId: number;
  body: string;
  author: Author;
  createdAt: string;
}

/** One page of a list: every paged route answers this envelope. */
export interface Page<T> {
  data: T[];
  page: number;
  limit: number;
  total: number;
  pages: number;
}

/** One invalid field of a 400 answer. */
export interface FieldError {
  path: string;
  message: string;
  location?: string;
}

/** The body of every error answer (RFC 9457 problem details). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}
// #endregion types

// #region api-problem
/** An error answer from the API, thrown by every call that fails. */
export class ApiProblem extends Error {
  readonly status: number;
  /** The sentence to show a person: the problem's `detail`. */
  readonly detail: string;
  /** Per-field messages, for a 400 answer to invalid input. */
  readonly errors: FieldError[];
  readonly requestId: string | undefined;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiProblem';
    this.status = problem.status;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.requestId = problem.requestId;
  }
}
// #endregion api-problem

// The API is mounted at /api/v1 on the same origin as the page, so a path
// without a host is enough, and the session cookie goes along by itself.
const base = '/api/v1';

// #region request
/**
 * Sends one request to the API and answers its JSON body, or throws an
 * ApiProblem. `fetch` only rejects when there is no answer at all (network
 * down, server gone); a 4xx or 5xx is an answer, so it is checked here.
 */
async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // Every write says it sends JSON, even without a body (log out). A
  // cross-site HTML form cannot send this header, which lesson 11 builds on.
  if (method !== 'GET') headers['Content-Type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    // Send the session cookie, but only to this origin.
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });

  // 204 No Content (log out) has no body to read.
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  const data: unknown = /[/+]json\b/.test(type) ? await response.json() : undefined;
  if (response.ok) return data as T;
  throw new ApiProblem(isProblem(data) ? data : unknownProblem(response));
}
// #endregion request

function isProblem(data: unknown): data is Problem {
  return typeof data === 'object' && data !== null && typeof (data as Problem).detail === 'string' && typeof (data as Problem).status === 'number';
}

/** An error answer that is not problem details: a proxy's page, say. */
function unknownProblem(response: Response): Problem {
  const title = response.statusText || 'Error';
  return { type: 'about:blank', title, status: response.status, detail: `The server answered ${response.status} ${title}.` };
}

// #region calls
/** One function per API route the page uses. */
export const api = {
  /** Who is logged in; a 401 ApiProblem when nobody is. */
  me: () => request<User>('GET', '/auth/me'),
  register: (account: { username: string; email: string; password: string }) => request<User>('POST', '/auth/register', account),
  login: (credentials: { email: string; password: string }) => request<User>('POST', '/auth/login', credentials),
  logout: () => request<void>('POST', '/auth/logout'),
  posts: (page: number, limit: number) => request<Page<Post>>('GET', `/posts?page=${page}&limit=${limit}`),
  post: (id: number) => request<Post>('GET', `/posts/${id}`),
  replies: (postId: number, page: number, limit: number) =>
    request<Page<Reply>>('GET', `/posts/${postId}/replies?page=${page}&limit=${limit}`),
  createPost: (post: { title: string; body: string }) => request<Post>('POST', '/posts', post),
  createReply: (postId: number, reply: { body: string }) => request<Reply>('POST', `/posts/${postId}/replies`, reply),
};
// #endregion calls
