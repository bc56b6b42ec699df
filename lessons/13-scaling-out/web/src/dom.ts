// Small helpers to build the page from elements. Text always goes in as a
// text node (or textContent), never as HTML: a post's title is whatever its
// author typed, and `<img src=x onerror=...>` must show up as those
// characters, not run. That is why nothing here touches innerHTML.
import { ApiProblem, type FieldError } from './api.js';

type Attributes = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

// #region h
/**
 * `h('a', { href: '#/posts' }, 'All posts')` builds `<a href="#/posts">All posts</a>`.
 * An attribute set to `true` is present without a value, `false` or
 * `undefined` leaves it out; a string child becomes a text node.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}
// #endregion h

// #region field
let fieldCount = 0;

export interface FieldOptions {
  label: string;
  /** The name the API knows the field by: its errors name it in `path`. */
  name: string;
  type?: 'text' | 'email' | 'password';
  multiline?: boolean;
  autocomplete?: string;
  /** A sentence under the input, read out with it (aria-describedby). */
  hint?: string;
}

/**
 * A labelled input: `<label for>` ties the text to the input, so a click on
 * the label focuses it and a screen reader names it. Each field also has an
 * empty message element that showFieldErrors() fills.
 */
export function field({ label, name, type = 'text', multiline = false, autocomplete, hint }: FieldOptions): HTMLElement {
  fieldCount += 1;
  const id = `field-${fieldCount}-${name}`;
  const describedBy = hint === undefined ? undefined : `${id}-hint`;
  const attributes = { id, name, required: true, autocomplete, 'aria-describedby': describedBy };
  const input = multiline ? h('textarea', { ...attributes, rows: '5' }) : h('input', { ...attributes, type });
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    hint === undefined ? null : h('p', { class: 'hint', id: `${id}-hint` }, hint),
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
  );
}

/** The trimmed text of a form's field, by name. */
export function valueOf(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value : '';
}
// #endregion field

// #region status
const statusRegion = () => document.getElementById('status')!;

/**
 * Writes a message into the live region (role="status" in index.html), where
 * a screen reader announces it. `lines` adds a list under the message.
 */
export function announce(message: string, kind: 'info' | 'error' = 'info', lines: string[] = []): void {
  const region = statusRegion();
  region.className = `status ${kind}`;
  const list = lines.length === 0 ? null : h('ul', {}, ...lines.map((line) => h('li', {}, line)));
  region.replaceChildren(h('div', { class: 'message' }, h('p', {}, message), list));
}

export function clearStatus(): void {
  statusRegion().className = 'status';
  statusRegion().replaceChildren();
}

/**
 * Shows why something failed. For an API problem that is its `detail`
 * (written for a person) and, for invalid input, one line per field, which
 * also goes under the field itself when `form` has it.
 */
export function showProblem(error: unknown, form?: HTMLFormElement): void {
  if (!(error instanceof ApiProblem)) {
    // fetch() rejects only when no answer came back at all.
    announce('The forum could not be reached. Check your connection and try again.', 'error');
    return;
  }
  // `{ path: 'password', message: 'is too easy to guess…' }` reads as a sentence.
  const lines = error.errors.map(({ path, message }) => `${path === '' ? 'The request' : path[0]!.toUpperCase() + path.slice(1)} ${message}.`);
  announce(error.detail, 'error', lines);
  if (form !== undefined) showFieldErrors(form, error.errors);
}
// #endregion status

// #region field-errors
/** Marks each field the API named as invalid, with its message under it. */
function showFieldErrors(form: HTMLFormElement, errors: FieldError[]): void {
  let first: HTMLElement | undefined;
  for (const { path, message } of errors) {
    const input = form.elements.namedItem(path);
    if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement)) continue;
    const note = document.getElementById(`${input.id}-error`)!;
    note.textContent = `${labelOf(input)} ${message}.`;
    note.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    // The message is read out with the field, after its hint.
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
    first ??= input;
  }
  // Put the cursor where the first fix is needed.
  first?.focus();
}

/** Takes away what showFieldErrors() added, before the form is sent again. */
export function clearFieldErrors(form: HTMLFormElement): void {
  for (const note of form.querySelectorAll<HTMLElement>('.field-error')) {
    note.hidden = true;
    note.textContent = '';
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    const kept = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id !== '' && !id.endsWith('-error'));
    if (kept.length === 0) input.removeAttribute('aria-describedby');
    else input.setAttribute('aria-describedby', kept.join(' '));
  }
}

function labelOf(input: HTMLInputElement | HTMLTextAreaElement): string {
  return input.labels?.[0]?.textContent ?? input.name;
}
// #endregion field-errors

// #region on-submit
/**
 * Runs `action` when the form is submitted, instead of the browser's own
 * submit (which would load a new page). While it runs, the submit button is
 * disabled so a double click sends one request; when it fails, the problem
 * is shown and the form keeps what the person typed.
 */
export function onSubmit(form: HTMLFormElement, action: () => Promise<void>): HTMLFormElement {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button instanceof HTMLButtonElement) button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    clearFieldErrors(form);
    try {
      await action();
    } catch (error) {
      showProblem(error, form);
    } finally {
      if (button instanceof HTMLButtonElement) button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  return form;
}
// #endregion on-submit

// #region dates
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** `<time datetime="2026-03-01T10:00:00.000Z">1 Mar 2026, 10:00</time>`, in the reader's language and time zone. */
export function time(iso: string): HTMLTimeElement {
  return h('time', { datetime: iso }, dateFormat.format(new Date(iso)));
}
// #endregion dates
