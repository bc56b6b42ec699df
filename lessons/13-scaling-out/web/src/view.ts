// What every view gives the router in main.ts, and what it may ask of it.
import { h } from './dom.js';

export interface View {
  /** For the tab's title: `${title} · Forum`. */
  title: string;
  /** Replaces what <main> holds. Its <h1> gets the focus after a navigation. */
  element: HTMLElement;
}

/**
 * Goes to another view: sets the hash (so the back button works) and shows
 * `message` in the live region once the new view is on screen. `focus` is a
 * CSS selector for what to focus instead of the new view's heading.
 */
export type Navigate = (hash: string, options?: { message?: string; focus?: string }) => void;

// #region pager
/**
 * Previous and next links for a paged list, from the API's page envelope.
 * They are links, not buttons: each page has its own address (`#/posts?page=2`).
 */
export function pager(label: string, { page, pages }: { page: number; pages: number }, hrefOf: (page: number) => string): HTMLElement | null {
  if (pages <= 1 && page <= 1) return null;
  return h(
    'nav',
    { class: 'pager', 'aria-label': label },
    page > 1 ? h('a', { href: hrefOf(Math.min(page - 1, pages)), rel: 'prev' }, '← Previous') : h('span'),
    h('span', { class: 'page-count' }, `Page ${page} of ${pages}`),
    page < pages ? h('a', { href: hrefOf(page + 1), rel: 'next' }, 'Next →') : h('span'),
  );
}
// #endregion pager
