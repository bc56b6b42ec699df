// Opens the built site in headless Chromium and checks what a reader sees on
// lesson 01's page: the diagram drawn as SVG, the code from the lesson's own
// file, the search button, and no errors in the console. Run after
// `vitepress build` (`pnpm test` in docs/ does both).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { docsDir, repoRoot } from '../.vitepress/lessons.ts';

const distDir = join(docsDir, '.vitepress', 'dist');
const screenshotDir = join(docsDir, '.vitest');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const installHint = `Install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`;
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
const browserTimeout = 60_000;

if (!hasChromium && process.env.CI) {
  test('Chromium is installed for the browser check', () => {
    throw new Error(`No Chromium at ${chromiumPath}, and CI must run the browser check. ${installHint}`);
  });
}

if (!hasChromium && !process.env.CI) {
  console.warn(`Skipping the browser check: no Chromium at ${chromiumPath}. ${installHint}`);
}

const title = hasChromium
  ? 'the built site in Chromium'
  : `the built site in Chromium (skipped: no Chromium at ${chromiumPath}. ${installHint})`;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static file server for .vitepress/dist: `/a/b` serves `a/b.html` or `a/b/index.html`, as a host would. */
function serveDist(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
    const candidates = [path, `${path}.html`, join(path, 'index.html')].map((candidate) => join(distDir, candidate));
    const file = candidates.find((candidate) => candidate.startsWith(distDir) && existsSync(candidate) && statSync(candidate).isFile());
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end(readFileSync(join(distDir, '404.html')));
      return;
    }
    res.writeHead(200, { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(!hasChromium)(title, () => {
  let server: Server;
  let baseUrl: string;
  let userDataDir: string;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!existsSync(join(distDir, 'index.html'))) {
      throw new Error(`No built site in ${distDir}. Run \`pnpm build\` in docs/ first (\`pnpm test\` does).`);
    }
    server = await serveDist();
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    userDataDir = mkdtempSync(join(tmpdir(), 'docs-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1280, height: 900 },
    });
    mkdirSync(screenshotDir, { recursive: true });
  }, browserTimeout);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  }, browserTimeout);

  /** Opens a page and collects everything the console reports as an error. */
  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} for ${response.url()}`);
    });
    const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
    expect(response?.status(), `status of ${path}`).toBe(200);
    return { page, errors };
  }

  test(
    'the home page loads with its title and links',
    async () => {
      const { page, errors } = await open('/');

      await expect(page.locator('.VPHero .name').innerText()).resolves.toContain('Express Forum Lessons');
      await expect(page.locator('a[href="/guide/getting-started.html"]').count()).resolves.toBeGreaterThan(0);
      await expect(page.locator('a[href="/lessons/01-hello-express.html"]').count()).resolves.toBeGreaterThan(0);
      await page.screenshot({ path: join(screenshotDir, 'home.png'), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    },
    browserTimeout,
  );

  test(
    'lesson 01 shows its diagram, its code and the search button',
    async () => {
      const { page, errors } = await open('/lessons/01-hello-express.html');

      // The diagram is drawn in the browser: wait for mermaid's SVG.
      const diagram = page.locator('div.mermaid-diagram svg');
      await diagram.waitFor({ state: 'visible', timeout: 30_000 });
      const labels = (await diagram.textContent()) ?? '';
      expect(labels, 'mermaid drew its error picture').not.toContain('Syntax error');
      for (const label of ['Request', 'Express app', 'Route match?', 'health handler', 'ping handler', 'JSON response', 'Express default 404']) {
        expect(labels, `diagram label "${label}"`).toContain(label);
      }

      // The code block holds the line from the lesson's own file, not a copy.
      const source = readFileSync(join(repoRoot, 'lessons/01-hello-express/src/app.ts'), 'utf8');
      const line = source.split('\n').find((text) => text.startsWith('export function createApp'));
      expect(line, 'src/app.ts still declares createApp').toBeDefined();
      const code = await page.locator('div.language-ts pre code').allInnerTexts();
      expect(code.some((block) => block.split('\n').includes(line!))).toBe(true);
      // The region markers themselves stay out of the page.
      expect(code.join('\n')).not.toContain('#region');

      await expect(page.locator('.VPNavBarSearch button').count()).resolves.toBe(1);

      await diagram.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshotDir, 'lesson-01-diagram.png') });
      await page.screenshot({ path: join(screenshotDir, 'lesson-01.png'), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    },
    browserTimeout,
  );

  test(
    'the search dialog finds lesson 01',
    async () => {
      const { page, errors } = await open('/');

      await page.locator('.VPNavBarSearch button').click();
      await page.locator('#localsearch-input').fill('createApp');
      const results = page.locator('.VPLocalSearchBox .results a');
      await results.first().waitFor({ state: 'visible', timeout: 15_000 });
      const hrefs = await results.evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(hrefs.some((href) => href?.startsWith('/lessons/01-hello-express.html'))).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    },
    browserTimeout,
  );
});
