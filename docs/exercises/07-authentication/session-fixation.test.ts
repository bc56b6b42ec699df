import request from 'supertest';
import { expect, test } from 'vitest';
import { ada, appWith } from './helpers.ts';
import { createLoginWithoutRegenerate } from './session-fixation.ts';

function cookieOf(setCookie: string[] | string | undefined): string {
  return [setCookie ?? []].flat()[0]!.split(';')[0]!;
}

// #region test
test('without regenerate, a session id planted before login lets the attacker in', async () => {
  const { app } = appWith(createLoginWithoutRegenerate);
  await request(app).post('/api/v1/auth/register').send(ada);
  // 1. The attacker gets a valid session cookie of their own.
  const planted = cookieOf((await request(app).get('/api/v1/session')).headers['set-cookie']);

  // 2. The victim's browser is made to carry it (a cookie set from a
  //    sibling subdomain, a session id in a link), and the victim logs in.
  await request(app).post('/api/v1/auth/login').set('Cookie', planted).send({ email: ada.email, password: ada.password }).expect(200);

  // 3. The attacker's copy of the cookie is now logged in as the victim.
  const res = await request(app).get('/api/v1/auth/me').set('Cookie', planted);
  expect(res.status).toBe(200);
  expect(res.body.username).toBe('ada');
});

test("with the lesson's login, the planted id is replaced and stays logged out", async () => {
  const { app } = appWith();
  await request(app).post('/api/v1/auth/register').send(ada);
  const planted = cookieOf((await request(app).get('/api/v1/session')).headers['set-cookie']);

  await request(app).post('/api/v1/auth/login').set('Cookie', planted).send({ email: ada.email, password: ada.password }).expect(200);

  expect((await request(app).get('/api/v1/auth/me').set('Cookie', planted)).status).toBe(401);
});
// #endregion test
