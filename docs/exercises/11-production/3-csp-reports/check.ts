// Check for lesson 11, exercise 3: the CSP names a report endpoint, and
// POST /csp-report logs each report as one warn entry and answers 204.
import request from 'supertest';
import { expect } from 'vitest';
import { makeApp } from '../../../../lessons/11-production/test/helpers.ts';
import { expectation } from '../../expectation.ts';

/** What Chromium sends when the page's policy blocks an inline script. */
const report = {
  'csp-report': {
    'document-uri': 'http://localhost:3000/',
    referrer: '',
    'violated-directive': 'script-src-elem',
    'effective-directive': 'script-src-elem',
    'original-policy': "default-src 'self'; script-src 'self'",
    disposition: 'enforce',
    'blocked-uri': 'inline',
    'status-code': 200,
  },
};

expectation(
  'the Content-Security-Policy tells the browser where to report: report-uri /csp-report',
  'helmet\'s contentSecurityPolicy takes a reportUri directive, like the others in app.ts: reportUri: [\'/csp-report\'].',
  async () => {
    const csp = (await request(makeApp().app).get('/')).headers['content-security-policy'];

    expect(csp).toMatch(/(^|;)\s*report-uri \/csp-report\s*(;|$)/);
  },
);

expectation(
  'POST /csp-report with a report (application/csp-report) answers 204',
  'Add app.post(\'/csp-report\', …) to the root app, before the web sub-app, and give it express.json({ type: \'application/csp-report\' }): express.json() alone reads only application/json.',
  async () => {
    const res = await request(makeApp().app)
      .post('/csp-report')
      .set('Content-Type', 'application/csp-report')
      .send(JSON.stringify(report));

    expect(res.status).toBe(204);
  },
);

expectation(
  'each report is one warn entry in the log, with the blocked URI and the directive',
  'Log with logger.warn({ … }, \'CSP violation\') from the logger createApp() receives: a report is worth a look, not an alarm.',
  async () => {
    const { app, logs } = makeApp({ env: { LOG_REQUESTS: 'false' } });

    await request(app).post('/csp-report').set('Content-Type', 'application/csp-report').send(JSON.stringify(report)).expect(204);

    const warnings = logs.filter((entry) => entry.level === 40);
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0])).toContain('script-src-elem');
    expect(JSON.stringify(warnings[0])).toContain('inline');
  },
);

expectation(
  'a report over a few kilobytes is refused with 413, and nothing is logged for it',
  'Give the parser a small limit (a report is well under 2 KB), and answer its error in the route (an error middleware after the handler) instead of letting Express\'s default page answer it.',
  async () => {
    const { app, logs } = makeApp({ env: { LOG_REQUESTS: 'false' } });
    const huge = { 'csp-report': { ...report['csp-report'], 'original-policy': 'x'.repeat(64 * 1024) } };

    const res = await request(app).post('/csp-report').set('Content-Type', 'application/csp-report').send(JSON.stringify(huge));

    expect(res.status).toBe(413);
    expect(res.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
    expect(logs.filter((entry) => entry.level === 40)).toEqual([]);
  },
);
