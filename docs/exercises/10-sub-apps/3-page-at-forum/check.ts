// Check for lesson 10, exercise 3: the web sub-app is mounted at /forum, and
// the page still finds its stylesheet, its scripts and its way back.
import request from 'supertest';
import { expect } from 'vitest';
import { makeApp } from '../../../../lessons/10-sub-apps/test/helpers.ts';
import { expectation } from '../../expectation.ts';

const origin = 'http://forum.test';

/** The paths of the files an HTML or JavaScript text names, resolved as a browser would against `base`. */
function filesNamed(text: string, base: string): string[] {
  const references = [
    ...[...text.matchAll(/\b(?:src|href)="([^"#][^"]*)"/g)].map((match) => match[1]!),
    ...[...text.matchAll(/\bfrom\s*["']([^"']+)["']/g)].map((match) => match[1]!),
  ];
  return references.map((reference) => new URL(reference, `${origin}${base}`)).filter((url) => url.origin === origin).map((url) => url.pathname);
}

expectation(
  'GET / and GET /forum redirect to /forum/',
  'Mount the web sub-app with app.use(\'/forum\', …). Inside it, /forum arrives as req.path \'/\': compare req.originalUrl with req.baseUrl to see the missing slash, and res.redirect() to req.baseUrl + \'/\'.',
  async () => {
    const { app } = makeApp();

    for (const path of ['/', '/forum']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBeGreaterThanOrEqual(301);
      expect(res.status, path).toBeLessThanOrEqual(308);
      expect(new URL(res.headers.location!, `${origin}${path}`).pathname, path).toBe('/forum/');
    }
  },
);

expectation(
  'GET /forum/ is the page, and every file it names, the scripts\' imports included, is served under /forum/',
  'Make the page\'s own URLs relative (href="styles.css", src="js/main.js"): a URL that starts with / ignores where the page is mounted.',
  async () => {
    const { app } = makeApp();
    const page = await request(app).get('/forum/');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');

    const seen = new Set<string>();
    const queue = filesNamed(page.text, '/forum/');
    expect(queue).toEqual(expect.arrayContaining(['/forum/styles.css', '/forum/js/main.js']));
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      expect(path).toMatch(/^\/forum\//);
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      if (path.endsWith('.js')) queue.push(...filesNamed(res.text, path));
    }
    expect(seen).toContain('/forum/js/api.js');
  },
);

expectation(
  'a missing page under /forum/ is the HTML 404, and its stylesheet and its way back point into /forum/',
  'htmlPage() in src/web.ts writes /styles.css and href="/": build both from req.baseUrl, which is where the web sub-app is mounted.',
  async () => {
    const { app } = makeApp();
    const res = await request(app).get('/forum/nope/deeper');

    expect(res.status).toBe(404);
    expect(res.type).toBe('text/html');
    const files = filesNamed(res.text, '/forum/nope/deeper');
    expect(files).toContain('/forum/styles.css');
    expect(files).toContain('/forum/');
    expect((await request(app).get('/forum/styles.css')).status).toBe(200);
  },
);

expectation(
  'the API stays at /api/v1, with its own 404',
  'Leave the /api/v1 mount as it is, before the web sub-app.',
  async () => {
    const { app } = makeApp();

    expect((await request(app).get('/api/v1/ping')).status).toBe(200);
    const missing = await request(app).get('/api/v1/nope');
    expect(missing.status).toBe(404);
    expect(missing.type).toBe('application/problem+json');
  },
);
