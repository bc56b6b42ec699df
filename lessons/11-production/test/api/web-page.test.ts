import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';

// Lesson 11 sends a Content-Security-Policy with script-src 'self' and
// style-src 'self': the browser then refuses any code or style written into
// the HTML itself. These checks keep the page ready for it, without a browser.

test('the page has no inline script, no style attribute and no on* handler', async () => {
  const res = await request(makeApi().app).get('/').expect(200);

  expect(res.headers['content-type']).toMatch(/^text\/html/);
  // Every <script> is an empty module that names its file under /js/.
  const scripts = [...res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes = '', content = ''] of scripts) {
    expect(attributes).toMatch(/\btype="module"/);
    expect(attributes).toMatch(/\bsrc="\/js\/[a-z][a-z0-9-]*\.js"/);
    expect(content.trim()).toBe('');
  }
  // No inline styles: no style="" attribute and no <style> element.
  expect(res.text).not.toMatch(/\sstyle\s*=/i);
  expect(res.text).not.toMatch(/<style\b/i);
  // No event handler attributes (onclick=, onload=, ...) and no javascript: URLs.
  expect(res.text).not.toMatch(/\son[a-z]+\s*=/i);
  expect(res.text).not.toMatch(/javascript:/i);
});

test('every script and stylesheet the page names is served', async () => {
  const { app } = makeApi();
  const page = (await request(app).get('/').expect(200)).text;
  const files = [...page.matchAll(/\b(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]!);
  expect(files).toEqual(expect.arrayContaining(['/js/main.js', '/styles.css']));

  for (const file of files) {
    const res = await request(app).get(file);
    expect(res.status, file).toBe(200);
    expect(res.headers['content-type'], file).toMatch(/^(text\/javascript|text\/css|image\/svg\+xml)/);
  }
});
