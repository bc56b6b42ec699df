// Check for lesson 07, exercise 2: a login replaces a hash made with older parameters.
import request from 'supertest';
import { expect } from 'vitest';
import { hashPassword, needsRehash } from '../../../../lessons/07-authentication/src/auth/password.ts';
import { ada, makeApp } from '../../../../lessons/07-authentication/test/helpers.ts';
import { expectation } from '../../expectation.ts';

/** An app whose one user, ada, has a hash made with N = 2^14 (cheaper than today's). */
async function appWithOldHash() {
  const made = makeApp();
  const old = await hashPassword(ada.password, { N: 2 ** 14, r: 8, p: 1 });
  made.db
    .prepare('INSERT INTO users (username, email, password_hash, created_at) VALUES (?, ?, ?, ?)')
    .run(ada.username, ada.email, old, new Date().toISOString());
  const storedHash = () => made.db.prepare<[], string>('SELECT password_hash FROM users').pluck().get()!;
  return { ...made, old, storedHash };
}

expectation(
  'a login with an old hash stores a new one with today\'s parameters',
  'In the login route, after the password matched: if needsRehash(stored), store hashPassword(password).',
  async () => {
    const { app, storedHash } = await appWithOldHash();
    const res = await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: ada.password });

    expect(res.status).toBe(200);
    expect(needsRehash(storedHash())).toBe(false);
  },
);

expectation(
  'the password still logs in against the new hash',
  'Hash the password the user just sent, not the old hash.',
  async () => {
    const { app } = await appWithOldHash();
    await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: ada.password });

    expect((await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: ada.password })).status).toBe(200);
  },
);

expectation(
  'a wrong password changes nothing',
  'Rehash only after the password matched: a failed login must not touch the stored hash.',
  async () => {
    const { app, old, storedHash } = await appWithOldHash();
    const res = await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: 'a wrong guess' });

    expect(res.status).toBe(401);
    expect(storedHash()).toBe(old);
  },
);
