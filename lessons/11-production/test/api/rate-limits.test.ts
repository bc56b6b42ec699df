// express-rate-limit in front of login, register and the whole API: the
// 429 answer, its headers, and what each limit counts.
import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { ada, grace, problemFor } from './helpers.ts';

const wrong = { email: ada.email, password: 'not the password at all 1' };

// #region login-limit-test
test('the login limit per address answers 429 in problem details, with RateLimit and Retry-After headers', async () => {
  const { app } = makeApi({ LOGIN_RATE_LIMIT: '2', LOGIN_ACCOUNT_RATE_LIMIT: '100' });

  await request(app).post('/api/v1/auth/login').send(wrong).expect(401);
  const last = await request(app).post('/api/v1/auth/login').send(wrong).expect(401);
  // The standard headers of the IETF draft, on every answer: each policy the
  // request counts against (q requests per w seconds), and what is left of
  // it (r remaining, t seconds until the window ends). pk names the key of
  // a policy (the address) by a hash, not in clear.
  expect(last.headers['ratelimit-policy']).toMatch(/(^|, )"login"; q=2; w=900; pk=:[\w+/=]+:(,|$)/);
  expect(last.headers.ratelimit).toMatch(/(^|, )"login"; r=0; t=\d+(,|$)/);

  const refused = await request(app).post('/api/v1/auth/login').send(wrong);
  expect(refused.status).toBe(429);
  expect(refused.type).toBe('application/problem+json');
  expect(refused.body).toEqual(
    problemFor(429, 'Too Many Requests', 'Too many login attempts from this address. Try again in 15 minutes.', '/api/v1/auth/login'),
  );
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(900);
});
// #endregion login-limit-test

// #region account-limit-test
test('failed logins are counted per account, from every address, and the account\'s own success does not count', async () => {
  const { app } = makeApi({ TRUST_PROXY: '1', LOGIN_RATE_LIMIT: '100', LOGIN_ACCOUNT_RATE_LIMIT: '3' });
  await request(app).post('/api/v1/auth/register').send(ada).expect(201);
  const from = (address: string) => request(app).post('/api/v1/auth/login').set('X-Forwarded-For', address);

  // A success is not a failure: it does not use up the account's allowance.
  await from('198.51.100.1').send({ email: ada.email, password: ada.password }).expect(200);
  // Three failures from three addresses, in any letter case of the email.
  await from('198.51.100.2').send(wrong).expect(401);
  await from('198.51.100.3').send({ ...wrong, email: ada.email.toUpperCase() }).expect(401);
  await from('198.51.100.4').send(wrong).expect(401);

  const refused = await from('198.51.100.5').send({ email: ada.email, password: ada.password });
  expect(refused.status).toBe(429);
  expect(refused.body.detail).toBe('Too many failed logins for this account. Try again in 15 minutes.');

  // Another account is not affected.
  await request(app).post('/api/v1/auth/register').send(grace).expect(201);
  await from('198.51.100.5').send({ email: grace.email, password: grace.password }).expect(200);
});
// #endregion account-limit-test

test('behind a trusted proxy, each client address has its own login limit', async () => {
  const { app } = makeApi({ TRUST_PROXY: '1', LOGIN_RATE_LIMIT: '1' });

  await request(app).post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.1').send(wrong).expect(401);
  await request(app).post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.1').send(wrong).expect(429);
  await request(app).post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.2').send(wrong).expect(401);
});

test('without a trusted proxy, X-Forwarded-For is ignored: a client cannot pick a new address per try', async () => {
  const { app } = makeApi({ LOGIN_RATE_LIMIT: '1' });

  await request(app).post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.1').send(wrong).expect(401);
  await request(app).post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.2').send(wrong).expect(429);
});

test('the register limit counts every attempt from an address, valid or not', async () => {
  const { app } = makeApi({ REGISTER_RATE_LIMIT: '2' });

  await request(app).post('/api/v1/auth/register').send({ username: 'x' }).expect(400);
  await request(app).post('/api/v1/auth/register').send(ada).expect(201);
  const refused = await request(app).post('/api/v1/auth/register').send(grace);

  expect(refused.status).toBe(429);
  expect(refused.body.detail).toBe('Too many accounts registered from this address. Try again in 15 minutes.');
});

test('the API limit covers every API request, and the page and /health are outside it', async () => {
  const { app } = makeApi({ API_RATE_LIMIT: '2' });

  await request(app).get('/api/v1/ping').expect(200);
  await request(app).get('/api/v1/nope').expect(404);
  const refused = await request(app).get('/api/v1/ping');
  expect(refused.status).toBe(429);
  expect(refused.body.detail).toBe('Too many requests from this address. Try again in 15 minutes.');

  await request(app).get('/health').expect(200);
  await request(app).get('/').expect(200);
});
