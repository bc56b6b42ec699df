import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { sessionCookie } from './helpers.ts';

test('a visitor who is remembered goes on counting when the limit is reached', async () => {
  const { app } = makeApi({ MAX_VISITOR_SESSIONS: '1' });
  const first = await request(app).get('/api/v1/session');
  const cookie = sessionCookie(first.headers['set-cookie']);

  const newcomer = await request(app).get('/api/v1/session');
  const again = await request(app).get('/api/v1/session').set('Cookie', cookie);

  expect(newcomer.body).toMatchObject({ visits: 1, remembered: false });
  expect(again.body).toMatchObject({ visits: 2, remembered: true });
});

test('MAX_VISITOR_SESSIONS=0 remembers no visitor, and still answers', async () => {
  const { app } = makeApi({ MAX_VISITOR_SESSIONS: '0' });

  const res = await request(app).get('/api/v1/session');

  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ visits: 1, remembered: false });
  expect(res.headers['set-cookie']).toBeUndefined();
});
