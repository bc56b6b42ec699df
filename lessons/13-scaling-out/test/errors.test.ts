// How the end of the chain, notFound() and errorHandler(), answers what goes
// wrong in the lesson's app. ../11-production/test/api/errors.test.ts has what a client sees;
// these tests break the database or read the error log.
import request from 'supertest';
import { expect, test } from 'vitest';
import { ada, adminAgent, makeApp, problemFor } from './helpers.ts';

// #region sql-500-test
test('a database failure becomes a 500 that shows no SQL, and is logged', async () => {
  const { app, db, errors } = makeApp();
  const agent = await adminAgent(app);
  // Something the code did not plan for: the table is gone.
  db.exec('DROP TABLE users');

  const res = await agent.get('/api/v1/users');

  expect(res.status).toBe(500);
  expect(res.body).toEqual(problemFor(500, 'Internal Server Error', 'Something went wrong on our side.', '/api/v1/users'));
  expect(res.text).not.toMatch(/no such table|users\b.*SELECT|SqliteError/i);
  expect(errors).toHaveLength(1);
  expect(JSON.stringify(errors[0]!.err)).toContain('no such table: users');
});
// #endregion sql-500-test

test('client errors (4xx) are answered but not written to the error log', async () => {
  const { app, errors } = makeApp();
  const agent = await adminAgent(app);
  await request(app).post('/api/v1/auth/register').send(ada);

  await agent.get('/api/v1/nope');
  await agent.get('/api/v1/users/abc');
  await agent.get('/api/v1/users/999');
  await request(app).get('/api/v1/users');
  await agent.post('/api/v1/auth/register').send({ ...ada, email: 'other@example.com' });
  await agent.post('/api/v1/auth/login').send({ email: ada.email, password: 'wrong password' });
  await agent.post('/api/v1/auth/register').set('Content-Type', 'application/json').send('{');

  expect(errors).toEqual([]);
});
