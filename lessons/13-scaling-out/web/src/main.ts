// The page's entry point (index.html loads /js/main.js): it keeps who is
// logged in, reads the address after the `#` to pick a view, and puts that
// view in <main>. The server has one page, index.html, and no route for
// #/posts/12: everything after `#` stays in the browser.
import { signInView, waitingView } from './account-views.js';
import { ApiProblem, api, type User } from './api.js';
import { announce, clearStatus, h, showProblem } from './dom.js';
import { postView, postsView } from './posts-views.js';
import type { Navigate, View } from './view.js';

// #region state
/** Who is logged in: `undefined` until the API has been asked, `null` for nobody. */
let user: User | null | undefined;
/** What the next view shows and focuses once it is on screen (see navigate()). */
let next: { message?: string; focus?: string } = {};
/** Counts route() calls, so that a slow answer for an old address is dropped. */
let routeCount = 0;
// #endregion state

// #region navigate
const navigate: Navigate = (hash, options = {}) => {
  next = options;
  // Setting the hash fires `hashchange`, which calls route(). The same hash
  // again fires nothing, so route() is called here instead.
  if (location.hash === hash) void route();
  else location.hash = hash;
};
// #endregion navigate

// #region route
/** `#/posts/12?page=2` → `{ path: '/posts/12', page: 2 }`. */
function readHash(): { path: string; page: number } {
  const [path = '', query = ''] = location.hash.slice(1).split('?');
  const page = Number(new URLSearchParams(query).get('page') ?? '1');
  return { path: path === '' ? '/' : path, page: Number.isSafeInteger(page) && page >= 1 ? page : 1 };
}

async function viewFor(path: string, page: number): Promise<View> {
  if (user === undefined) user = await whoIsLoggedIn();
  showAccount(user);
  if (user === null) return signInView(signedIn);
  if (user.status === 'pending') return waitingView(user, checkAgain);
  const post = /^\/posts\/(\d+)$/.exec(path);
  if (post !== null) return postView(Number(post[1]), page, navigate);
  return postsView(page, navigate);
}

async function route(): Promise<void> {
  const ticket = ++routeCount;
  const { path, page } = readHash();
  const { message, focus } = next;
  next = {};
  let view: View;
  let notice: { text: string; kind: 'info' | 'error' } | undefined = message === undefined ? undefined : { text: message, kind: 'info' };
  let problem: unknown;
  try {
    view = await viewFor(path, page);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401 && user) {
      // The session ended on the server (logged out in another tab, or
      // expired): back to logging in, with a word about why.
      user = null;
      showAccount(user);
      view = signInView(signedIn);
      notice = { text: 'Your session has ended. Log in again.', kind: 'error' };
    } else {
      view = problemView(error);
      problem = error;
    }
  }
  // Another navigation started while this one waited for the API: its view wins.
  if (ticket !== routeCount) return;
  show(view, focus);
  if (problem !== undefined) showProblem(problem);
  else if (notice !== undefined) announce(notice.text, notice.kind);
  else clearStatus();
}

let firstView = true;

/**
 * Puts the view on screen and moves the focus into it: to its heading, or
 * what `focus` names. Without that, the focus would stay on the link or
 * button that was just removed, and a keyboard or screen reader user would
 * be left at the top of the document. The first view after loading leaves
 * the focus where the browser put it.
 */
function show(view: View, focus?: string): void {
  document.title = `${view.title} · Forum`;
  document.getElementById('main')!.replaceChildren(view.element);
  // A new view starts at the top, as a new page would; focus() below
  // scrolls on to its target when that is further down.
  window.scrollTo(0, 0);
  const target = focus === undefined ? view.element.querySelector('h1') : document.querySelector<HTMLElement>(focus);
  if (target !== null && !firstView) {
    // tabindex="-1": focusable from a script, skipped by the Tab key.
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
  firstView = false;
}

/** A view for a problem no other view handles: a post that does not exist, say. */
function problemView(error: unknown): View {
  const detail = error instanceof ApiProblem ? error.detail : 'The forum could not be reached.';
  return {
    title: 'Something went wrong',
    element: h('section', { class: 'view card narrow' }, h('h1', {}, 'Something went wrong'), h('p', {}, detail), h('p', {}, h('a', { href: '#/posts' }, '← All posts'))),
  };
}
// #endregion route

// #region account
/** GET /auth/me answers the logged-in user, or 401 when there is none. */
async function whoIsLoggedIn(): Promise<User | null> {
  try {
    return await api.me();
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) return null;
    throw error;
  }
}

function signedIn(loggedIn: User, message: string): void {
  user = loggedIn;
  // Stay on the address asked for (a link to a post works after logging in).
  navigate(location.hash || '#/posts', { message });
}

/** The waiting view's "Check again": the status may have changed since login. */
async function checkAgain(): Promise<User> {
  const fresh = await api.me();
  user = fresh;
  if (fresh.status === 'approved') navigate('#/posts', { message: 'Your account has been approved. Welcome!' });
  return fresh;
}

/** The header's part: who is logged in, and a button to log out. */
function showAccount(current: User | null): void {
  const account = document.getElementById('account')!;
  if (current === null) {
    account.replaceChildren();
    return;
  }
  const logout = h('button', { type: 'button', class: 'secondary' }, 'Log out');
  logout.addEventListener('click', async () => {
    try {
      await api.logout();
      user = null;
      navigate('#/', { message: 'You are logged out.' });
    } catch (error) {
      showProblem(error);
    }
  });
  account.replaceChildren(h('span', {}, 'Logged in as ', h('strong', {}, current.username)), logout);
}
// #endregion account

// #region start
window.addEventListener('hashchange', () => void route());
void route();
// #endregion start
