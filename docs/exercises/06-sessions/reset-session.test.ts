import request from 'supertest';
import { expect, test } from 'vitest';
import { appWith, sessionCookie } from './helpers.ts';
import { createSessionRouterWithReset } from './reset-session.ts';

test('DELETE /api/v1/session answers 204 and clears the cookie', async () => {
  const app = appWith(createSessionRouterWithReset);
  const visit = await request(app).get('/api/v1/session');

  const res = await request(app).delete('/api/v1/session').set('Cookie', sessionCookie(visit.headers['set-cookie'])!);

  expect(res.status).toBe(204);
  expect(res.headers['set-cookie']).toEqual([
    'forum.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
  ]);
});

test('the old cookie, sent again, starts a new count: the session is gone from the store', async () => {
  const app = appWith(createSessionRouterWithReset);
  const visit = await request(app).get('/api/v1/session');
  const cookie = sessionCookie(visit.headers['set-cookie'])!;
  await request(app).get('/api/v1/session').set('Cookie', cookie);

  await request(app).delete('/api/v1/session').set('Cookie', cookie);
  const res = await request(app).get('/api/v1/session').set('Cookie', cookie);

  expect(res.body).toMatchObject({ visits: 1, remembered: true });
});
