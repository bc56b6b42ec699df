// Check for lesson 10, exercise 2: outside the API, a path that does not
// exist is answered in the format the client asks for: HTML for a browser,
// problem details for a client that accepts only JSON.
import request from 'supertest';
import { expect } from 'vitest';
import { makeApp } from '../../../../lessons/10-sub-apps/test/helpers.ts';
import { expectation } from '../../expectation.ts';

/** What Chromium sends in Accept when it opens a page. */
const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

expectation(
  'a client that accepts only JSON gets a 404 in problem details at a path outside the API',
  'In the web sub-app\'s notFoundPage, ask req.accepts() or use res.format() with an html and a json answer.',
  async () => {
    const res = await request(makeApp().app).get('/nope').set('Accept', 'application/json');

    expect(res.status).toBe(404);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 404 });
    expect(typeof res.body.detail).toBe('string');
  },
);

expectation(
  'the answer says that it depends on Accept: Vary: Accept',
  'A cache that kept the JSON 404 must not give it to a browser. res.format() adds Vary: Accept; with req.accepts(), call res.vary(\'Accept\').',
  async () => {
    const res = await request(makeApp().app).get('/nope').set('Accept', 'application/json');

    expect(res.headers.vary ?? '').toMatch(/\bAccept\b/i);
  },
);

expectation(
  'a browser, and a client that accepts anything, still get the HTML 404 page',
  'List html first: for Accept: */* (curl\'s default), the first type you offer wins.',
  async () => {
    const { app } = makeApp();

    for (const accept of [browserAccept, '*/*', 'text/html']) {
      const res = await request(app).get('/nope').set('Accept', accept);
      expect(res.status, accept).toBe(404);
      expect(res.type, accept).toBe('text/html');
      expect(res.text, accept).toContain('<h1>404 Not Found</h1>');
    }
  },
);

expectation(
  'the API\'s 404 is problem details whatever the client accepts',
  'Leave the API sub-app as it is: its own notFound() answers before the web sub-app sees the request.',
  async () => {
    const res = await request(makeApp().app).get('/api/v1/nope').set('Accept', 'text/html');

    expect(res.status).toBe(404);
    expect(res.type).toBe('application/problem+json');
  },
);
