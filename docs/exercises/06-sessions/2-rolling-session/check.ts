// Check for lesson 06, exercise 2: the session cookie expires a while after
// the last request, not after the last change.
import request from 'supertest';
import { expect } from 'vitest';
import { makeApp, sessionCookie } from '../../../../lessons/06-sessions/test/helpers.ts';
import { expectation } from '../../expectation.ts';

function sessionSetCookie(res: { headers: Record<string, unknown> }): string | undefined {
  return [(res.headers['set-cookie'] as string[] | undefined) ?? []].flat().find((line) => line.startsWith('forum.sid='));
}

expectation(
  'a request that changes nothing in the session still sends the cookie with a new expiry',
  'express-session sends the cookie only when the session changed, unless its rolling option says otherwise.',
  async () => {
    const { app } = makeApp();
    const cookie = sessionCookie((await request(app).get('/api/v1/session')).headers['set-cookie']);
    const res = await request(app).get('/health').set('Cookie', cookie);
    const renewed = sessionSetCookie(res);

    expect(renewed).toBeDefined();
    expect(renewed).toMatch(/Expires=/);
  },
);

expectation(
  'a visitor without a session still gets no cookie',
  'Keep saveUninitialized: false: only a session that holds something is saved and sent.',
  async () => {
    const res = await request(makeApp().app).get('/health');

    expect(sessionSetCookie(res)).toBeUndefined();
  },
);
