// express-rate-limit in front of login, register and the whole API: the
// 429 answer, its headers, and what each limit counts. ../11-production/test/api/rate-limits.test.ts
// has what a client sees; this test counts the scrypt work a refusal saves.
import request from 'supertest';
import { expect, test } from 'vitest';
import { ada, makeApp } from './helpers.ts';
import { countScrypt } from './count-scrypt.ts';

const wrong = { email: ada.email, password: 'not the password at all 1' };

test('a refused login never reaches the password check: no scrypt runs for it', async () => {
  const { app } = makeApp({ env: { LOGIN_RATE_LIMIT: '1' } });
  await request(app).post('/api/v1/auth/login').send(wrong).expect(401);

  let status = 0;
  const hashes = await countScrypt(async () => {
    status = (await request(app).post('/api/v1/auth/login').send(wrong)).status;
  });

  expect(status).toBe(429);
  expect(hashes).toBe(0);
});
