import request from 'supertest';
import { expect, test } from 'vitest';
import { hashPassword } from '../../../lessons/07-authentication/src/auth/password.ts';
import { ada, appWith, config, testClock } from './helpers.ts';
import { createLoginWithRehash } from './rehash-on-login.ts';

test('a login with an old, cheaper hash stores a new one with the current parameters', async () => {
  const { app, db } = appWith(createLoginWithRehash);
  const old = await hashPassword(ada.password, { N: 2 ** 14, r: 8, p: 1 });
  db.prepare('INSERT INTO users (username, email, password_hash, created_at) VALUES (?, ?, ?, ?)').run(
    ada.username,
    ada.email,
    old,
    new Date().toISOString(),
  );
  const storedHash = () => db.prepare<[], string>('SELECT password_hash FROM users').pluck().get()!;

  const res = await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: ada.password });

  expect(res.status).toBe(200);
  expect(storedHash()).toMatch(/^scrypt\$32768\$8\$1\$/);
  // And the password still works against the new hash.
  expect((await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: ada.password })).status).toBe(200);
});

test('a current hash is left as it is', async () => {
  const { app, db } = appWith(createLoginWithRehash);
  await request(app).post('/api/v1/auth/register').send(ada);
  const before = db.prepare<[], string>('SELECT password_hash FROM users').pluck().get();

  await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: ada.password }).expect(200);

  expect(db.prepare<[], string>('SELECT password_hash FROM users').pluck().get()).toBe(before);
});

test('a wrong password changes nothing', async () => {
  const { app, db } = appWith(createLoginWithRehash);
  const old = await hashPassword(ada.password, { N: 2 ** 14, r: 8, p: 1 });
  db.prepare('INSERT INTO users (username, email, password_hash, created_at) VALUES (?, ?, ?, ?)').run('ada', ada.email, old, 'now');

  const res = await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: 'a wrong guess' });

  expect(res.status).toBe(401);
  expect(db.prepare<[], string>('SELECT password_hash FROM users').pluck().get()).toBe(old);
});

test('a login through this route starts the absolute session lifetime, as the lesson\'s login does', async () => {
  const clock = testClock();
  const { app } = appWith(createLoginWithRehash, clock);
  await request(app).post('/api/v1/auth/register').send(ada);
  const agent = request.agent(app);
  await agent.post('/api/v1/auth/login').send({ email: ada.email, password: ada.password }).expect(200);

  clock.advance(config.sessionAbsoluteMs - 1);
  await agent.get('/api/v1/auth/me').expect(200);
  clock.advance(1);
  await agent.get('/api/v1/auth/me').expect(401);
});
