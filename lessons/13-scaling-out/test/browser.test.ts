// The forum page in a real browser: headless Chromium (Debian's, driven by
// playwright-core) against the whole app on a real port. Each test finds
// fields by their labels and buttons by their names, as a screen reader
// would: a field without a <label> fails the test. `pnpm screenshots` runs
// this file with UPDATE_SCREENSHOTS=1 and saves the pictures of the lesson page.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumPath, hasChromium, installHint, launchChromium, openPage, screenshot, startForum } from './browser-helpers.ts';
import { ada, adminAgent, grace } from './helpers.ts';

// #region skip-without-chromium
// On a laptop without Chromium the tests are skipped with one line saying
// why; in CI (CI=true) a missing browser is a failure, not a silent skip.
if (!hasChromium && process.env.CI === 'true') {
  test('Chromium is installed for the browser test', () => {
    throw new Error(`No Chromium at ${chromiumPath} (CHROMIUM_PATH), and CI must run the browser test. ${installHint}`);
  });
}
if (!hasChromium && process.env.CI !== 'true') {
  console.warn(`Skipping the browser test: no Chromium at ${chromiumPath} (set CHROMIUM_PATH). ${installHint}`);
}
const title = hasChromium ? 'the forum page in Chromium' : `the forum page in Chromium (skipped: no Chromium at ${chromiumPath}; set CHROMIUM_PATH. ${installHint})`;
// #endregion skip-without-chromium

/** Another site: an empty page on another port of 127.0.0.1, with no policy of its own. Closed when the test ends. */
async function startOtherSite(): Promise<string> {
  const server = createServer((_req, res) => res.setHeader('Content-Type', 'text/html').end('<!doctype html><title>Another site</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** What a visitor's first request for the account answers: nobody is logged in. */
const visitorCheck = '401 GET /api/v1/auth/me';

describe.skipIf(!hasChromium)(title, () => {
  let context: BrowserContext;
  let closeChromium: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ context, close: closeChromium } = await launchChromium());
  });

  afterAll(async () => {
    await closeChromium?.();
  });

  /** Waits until the h1 named `name` is on screen and has the focus. */
  async function focusedHeading(page: Page, name: string): Promise<void> {
    await page.getByRole('heading', { level: 1, name, exact: true }).and(page.locator(':focus')).waitFor();
  }

  /** Waits until the live region says `text`. */
  async function announced(page: Page, text: string): Promise<void> {
    await page.getByRole('status').getByText(text).waitFor();
  }

  test('a newly registered account waits for approval, then sees the posts', async () => {
    const { app, baseUrl } = await startForum();
    const { page, expectNoErrors } = await openPage(context, baseUrl);

    const form = page.getByRole('form', { name: 'Create an account' });
    await form.getByLabel('Username', { exact: true }).fill(ada.username);
    await form.getByLabel('Email', { exact: true }).fill(ada.email);
    await form.getByLabel('Password', { exact: true }).fill(ada.password);
    await form.getByRole('button', { name: 'Create account' }).click();

    await focusedHeading(page, 'Waiting for approval');
    await announced(page, 'Your account ada was created and you are logged in.');
    await page.getByText('An admin has to approve your account before you can read and write posts.').waitFor();
    expect(await page.getByRole('banner').textContent()).toContain('Logged in as ada');
    await screenshot(page, 'pending');

    // Still pending: the page says so and stays.
    await page.getByRole('button', { name: 'Check again' }).click();
    await announced(page, 'Your account is still waiting for approval.');
    // An admin approves ada through the API; the next check lets her in.
    const admin = await adminAgent(app);
    const { body: pending } = await admin.get('/api/v1/users?status=pending').expect(200);
    await admin.post(`/api/v1/users/${pending.users[0].id}/approve`).expect(200);
    await page.getByRole('button', { name: 'Check again' }).click();
    await focusedHeading(page, 'Posts');
    await announced(page, 'Your account has been approved. Welcome!');
    await page.getByText('No posts yet. Write the first one.').waitFor();
    expectNoErrors([visitorCheck]);
  });

  test('an approved member writes a post and a reply, pages through the posts and logs out', async () => {
    const { app, baseUrl } = await startForum();
    // Ten posts from the admin, and ada's account approved, through the API:
    // the browser's part starts at the login form.
    const admin = await adminAgent(app);
    // The first note's body is markup: the page must show it as text. Were
    // it parsed, the <img> would request /x (a 404) and run its onerror.
    const markup = '<img src="/x" onerror="throw new Error(\'ran\')"> is text here';
    for (let n = 1; n <= 10; n += 1) {
      const body = n === 1 ? markup : `Notes on lesson ${n}, from the admin.`;
      await admin.post('/api/v1/posts').send({ title: `Lesson note ${n}`, body }).expect(201);
    }
    const { body: registered } = await request(app).post('/api/v1/auth/register').send(ada).expect(201);
    await admin.post(`/api/v1/users/${registered.id}/approve`).expect(200);

    const { page, expectNoErrors } = await openPage(context, baseUrl);
    // Log in with the keyboard: Enter in the password field submits the form.
    const login = page.getByRole('form', { name: 'Log in' });
    await login.getByLabel('Email', { exact: true }).fill(ada.email);
    await login.getByLabel('Password', { exact: true }).fill(ada.password);
    await login.getByLabel('Password', { exact: true }).press('Enter');
    await focusedHeading(page, 'Posts');
    await announced(page, 'You are logged in as ada.');
    // Ten posts fit on one page: no pager yet.
    await page.getByRole('link', { name: 'Lesson note 10', exact: true }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Pages of posts' }).count()).toBe(0);

    // A post: the page goes to it, and its heading takes the focus.
    await page.getByLabel('Title', { exact: true }).fill('Where does a sub-app get its settings?');
    await page.getByLabel('Body', { exact: true }).fill('Does a router mounted in a sub-app see the settings of the root app?\nOr only its own?');
    await page.getByRole('button', { name: 'Publish post' }).click();
    await focusedHeading(page, 'Where does a sub-app get its settings?');
    await announced(page, 'Your post was published.');

    // A reply: it shows under the post, and takes the focus.
    await page.getByLabel('Reply', { exact: true }).fill('Both: it reads from the root app any setting it never set, but express() gives every app its own defaults, x-powered-by included.');
    await page.getByRole('button', { name: 'Post reply' }).click();
    await announced(page, 'Your reply was added.');
    await page.getByRole('heading', { name: 'Replies (1)' }).waitFor();
    const reply = page.getByRole('listitem').filter({ hasText: 'Both: it reads from the root app any setting it never set' });
    await reply.and(page.locator(':focus')).waitFor();
    expect(await reply.textContent()).toContain('ada · 2 Mar 2026, 09:30');
    await screenshot(page, 'post-with-reply');

    // Eleven posts, ten a page: ada's, the newest, first; the admin's first note on page 2.
    await page.getByRole('link', { name: '← All posts' }).click();
    await focusedHeading(page, 'Posts');
    await page.getByText('Page 1 of 2').waitFor();
    const first = page.getByRole('listitem').first();
    expect(await first.textContent()).toContain('Where does a sub-app get its settings?');
    expect(await first.textContent()).toContain('by ada · 1 reply');
    await screenshot(page, 'posts');
    await page.getByRole('navigation', { name: 'Pages of posts' }).getByRole('link', { name: 'Next →' }).click();
    await page.getByText('Page 2 of 2').waitFor();
    await page.getByRole('link', { name: 'Lesson note 1', exact: true }).waitFor();
    await page.getByText(markup).waitFor();
    expect(await page.locator('main img').count()).toBe(0);

    await page.getByRole('button', { name: 'Log out' }).click();
    await focusedHeading(page, 'Welcome to the forum');
    await announced(page, 'You are logged out.');
    expectNoErrors([visitorCheck]);
  });

  test('a refused registration shows the problem detail and marks the field', async () => {
    const { baseUrl } = await startForum();
    const { page, expectNoErrors } = await openPage(context, baseUrl);

    const form = page.getByRole('form', { name: 'Create an account' });
    await form.getByLabel('Username', { exact: true }).fill(grace.username);
    await form.getByLabel('Email', { exact: true }).fill(grace.email);
    await form.getByLabel('Password', { exact: true }).fill('password123');
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/register'));
    await form.getByRole('button', { name: 'Create account' }).click();
    expect((await answer).status()).toBe(400);

    // The problem's detail and its field message, in the live region...
    await announced(page, 'Request validation failed');
    await announced(page, 'Password is too easy to guess');
    // ...and under the field, which is marked invalid and has the focus.
    const password = form.getByLabel('Password', { exact: true });
    await password.and(page.locator(':focus')).waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await form.getByText('Password is too easy to guess').waitFor();
    expect(await password.getAttribute('aria-describedby')).toMatch(/-hint .*-error$/);
    await screenshot(page, 'problem');
    expectNoErrors([visitorCheck, '400 POST /api/v1/auth/register']);
  });

  // #region csp-browser-test
  test('the Content-Security-Policy stops a script injected into the page, and the page itself breaks no rule', async () => {
    const { baseUrl } = await startForum();
    const { page, expectNoErrors } = await openPage(context, baseUrl);
    await page.getByRole('form', { name: 'Log in' }).waitFor();
    // The page's own scripts and styles pass the policy: no console error yet.
    expectNoErrors([visitorCheck]);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) violations.push(message.text());
    });

    // What an attacker's HTML would do if it reached the page: an inline
    // script and an inline event handler. The browser refuses both.
    // (A string: this code runs in the page, where `document` exists.)
    const ran = await page.evaluate(`(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      const img = document.createElement('img');
      img.setAttribute('src', 'data:,');
      img.setAttribute('onerror', 'window.injected = true');
      document.body.append(img);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return window.injected === true;
    })()`);

    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThanOrEqual(1);
    expect(violations.join('\n')).toMatch(/script-src 'self'/);
  });
  // #endregion csp-browser-test

  // #region csrf-browser-test
  test('a page on another origin cannot write with the user\'s cookie, though the browser sends it', async () => {
    const { app, db, baseUrl, requests } = await startForum();
    const admin = await adminAgent(app);
    const { body: registered } = await request(app).post('/api/v1/auth/register').send(ada).expect(201);
    await admin.post(`/api/v1/users/${registered.id}/approve`).expect(200);

    // Ada logs in on the forum's page.
    const { page } = await openPage(context, baseUrl);
    const login = page.getByRole('form', { name: 'Log in' });
    await login.getByLabel('Email', { exact: true }).fill(ada.email);
    await login.getByLabel('Password', { exact: true }).fill(ada.password);
    await login.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Posts', exact: true }).waitFor();

    // Another origin: the same host on another port. To a browser that is
    // the same *site*, so SameSite=Lax still sends the cookie with its
    // requests. Only the cross-origin check stands in the way.
    const evil = await startOtherSite();
    const other = await context.newPage();
    await other.goto(evil);
    // A "simple" request (text/plain, no-cors) needs no CORS preflight: the
    // browser sends it as it is, with the cookie.
    await other.evaluate(async (target) => {
      await fetch(`${target}/api/v1/posts`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ title: 'Forged', body: 'Posted by another site.' }),
        mode: 'no-cors',
      }).catch(() => {
        // helmet's Cross-Origin-Resource-Policy keeps even the opaque answer from the other page.
      });
    }, baseUrl);
    await other.close();

    // The request arrived with Ada's cookie (redacted in the log), marked
    // same-site by the browser, and was refused before any route ran.
    const forged = requests.find((entry) => entry.msg === 'POST /api/v1/posts 403');
    expect(forged).toMatchObject({ req: { headers: { cookie: '[Redacted]', 'sec-fetch-site': 'same-site' } } });
    expect(db.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(0);
  });
  // #endregion csrf-browser-test
});
