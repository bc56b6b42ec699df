// Check for lesson 06, exercise 1: DELETE /api/v1/session ends the session.
import request from 'supertest';
import { expect } from 'vitest';
import { makeApp, sessionCookie } from '../../../../lessons/06-sessions/test/helpers.ts';
import { expectation } from '../../expectation.ts';

/** An app and the cookie of a session that has counted two visits. */
async function appWithSession() {
  const made = makeApp();
  const first = await request(made.app).get('/api/v1/session');
  const cookie = sessionCookie(first.headers['set-cookie']);
  await request(made.app).get('/api/v1/session').set('Cookie', cookie);
  return { ...made, cookie };
}

function storeLength(store: { length: (callback: (error: unknown, length?: number) => void) => void }): Promise<number> {
  return new Promise((resolve, reject) => store.length((error, length) => (error ? reject(error) : resolve(length ?? 0))));
}

expectation(
  'DELETE /api/v1/session answers 204 and the session is gone from the store',
  'Add router.delete(\'/\', …) to the session router; req.session.destroy(callback) deletes the session from the store.',
  async () => {
    const { app, cookie, store } = await appWithSession();
    const res = await request(app).delete('/api/v1/session').set('Cookie', cookie);

    expect(res.status).toBe(204);
    expect(await storeLength(store)).toBe(0);
  },
);

expectation(
  'the answer tells the browser to drop the cookie',
  'res.clearCookie(name, options) sends a Set-Cookie that expires at once; give it the cookie\'s own options (sessionCookieOptions()).',
  async () => {
    const { app, cookie } = await appWithSession();
    const res = await request(app).delete('/api/v1/session').set('Cookie', cookie);
    const cleared = [res.headers['set-cookie'] ?? []].flat().find((line: string) => line.startsWith('forum.sid='));

    expect(cleared).toBeDefined();
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cleared).toMatch(/Path=\//);
  },
);

expectation(
  'the old cookie, sent again, starts a new count',
  'Once the session is destroyed, a request with its cookie finds nothing in the store and gets a new session.',
  async () => {
    const { app, cookie } = await appWithSession();
    await request(app).delete('/api/v1/session').set('Cookie', cookie);
    const res = await request(app).get('/api/v1/session').set('Cookie', cookie);

    expect(res.body.visits).toBe(1);
  },
);
