// What the browser test needs around Chromium: where it is, how to start it,
// a forum app listening on a real port, and a page that records every error
// the browser reports.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, onTestFinished } from 'vitest';
import { makeApp, tempDatabasePath } from './helpers.ts';

// #region chromium
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const installHint = 'Install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.';

// The flags that make Chromium start quietly in a container with no network
// beyond localhost: no sandbox (containers often run as root), no GPU, no
// QUIC, and no first-run page, background downloads, updates or sync.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts Debian's Chromium through playwright-core (which downloads no
 * browser of its own) with a fresh profile. The language, time zone and
 * window size are fixed, so the dates on the page and the screenshots come
 * out the same on every machine.
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'forum-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1000, height: 700 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
// #endregion chromium

// #region start-forum
/** Every post and reply gets this time: the page shows the same dates on every run. */
export const fixedNow = Date.parse('2026-03-02T09:30:00.000Z');

/**
 * The whole app (API and page) on a temporary database file, listening on a
 * free port of 127.0.0.1, as a browser needs it. Closed when the test ends.
 */
export async function startForum() {
  const forum = makeApp({ databasePath: tempDatabasePath(), now: () => fixedNow });
  const server = await new Promise<Server>((resolve) => {
    const listening = forum.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  onTestFinished(async () => {
    // Chromium keeps its connections open for the next request: close them,
    // or server.close() would wait for them.
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { ...forum, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
// #endregion start-forum

// #region open-page
/**
 * Opens `url` in a new tab of `context`, with no cookies from an earlier
 * test, and records what goes wrong: uncaught exceptions (`pageerror`),
 * console errors, and every answer of 400 or more as `STATUS METHOD path`.
 */
export async function openPage(context: BrowserContext, url: string) {
  await context.clearCookies();
  const page = await context.newPage();
  onTestFinished(() => page.close());
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const errorAnswers: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errorAnswers.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  await page.goto(url);

  /**
   * No exception, no console error, and exactly the error answers the test
   * expects. Chromium logs each 4xx or 5xx answer to the console itself
   * ("Failed to load resource: ... status of 401"), even one the page
   * handles, such as GET /auth/me answering 401 to a visitor: those lines
   * are checked as answers, by method and path, and every other console
   * error fails the test.
   */
  function expectNoErrors(expectedAnswers: string[]): void {
    expect(pageErrors, 'uncaught exceptions').toEqual([]);
    const unexplained = consoleErrors.filter((text) => !/^Failed to load resource: the server responded with a status of [45]\d\d/.test(text));
    expect(unexplained, 'console errors').toEqual([]);
    expect(errorAnswers, 'answers of 400 or more').toEqual(expectedAnswers);
  }

  return { page, expectNoErrors };
}
// #endregion open-page

// #region screenshots
/** docs/lessons/screenshots/ and this lesson's folder name. */
const screenshotDir = join(fileURLToPath(new URL('../../../docs/lessons/screenshots/', import.meta.url)), basename(fileURLToPath(new URL('..', import.meta.url))));

/**
 * With UPDATE_SCREENSHOTS=1 (`pnpm screenshots`), saves what the page shows
 * as docs/lessons/screenshots/LESSON/NAME.png for the lesson page.
 * Otherwise does nothing: a normal test run writes no files.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(screenshotDir, { recursive: true });
  // The top of the page, header included, whatever the focus scrolled to.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), animations: 'disabled', caret: 'hide' });
}
// #endregion screenshots
