// The password must never leave the request that carried it: not in an
// answer, not in the request log, not in the error log. (../11-production/test/api/no-leak.test.ts
// checks a validation answer as a client sees it.)
import { inspect } from 'node:util';
import request from 'supertest';
import { expect, test } from 'vitest';
import { ada, makeApp } from './helpers.ts';

/** Everything a log entry holds, the error's message, stack and cause included. */
function dump(value: unknown): string {
  return inspect(value, { depth: 10, showHidden: true });
}

// #region no-leak-test
test('no answer, request log line or error log entry contains the password or its hash', async () => {
  const { app, db, logs, requests, errors } = makeApp();
  const agent = request.agent(app);
  const answers: string[] = [];

  answers.push((await agent.post('/api/v1/auth/register').send(ada)).text);
  answers.push((await agent.post('/api/v1/auth/register').send(ada)).text); // 409
  answers.push((await agent.post('/api/v1/auth/register').send({ ...ada, email: 'bad' })).text); // 400
  answers.push((await agent.post('/api/v1/auth/login').send({ email: ada.email, password: `${ada.password}!` })).text); // 401
  answers.push((await agent.post('/api/v1/auth/login').send({ email: ada.email, password: ada.password })).text);
  answers.push((await agent.get('/api/v1/auth/me')).text);
  answers.push((await agent.get('/api/v1/users')).text);
  answers.push((await agent.post('/api/v1/auth/logout')).text);
  // And a failure the code did not plan for: a 500 in the middle of a register.
  db.exec('DROP TABLE users');
  const failed = await agent.post('/api/v1/auth/register').send({ ...ada, username: 'ada2', email: 'ada2@example.com' });
  answers.push(failed.text);

  expect(failed.status).toBe(500);
  expect(requests).toHaveLength(9);
  expect(errors).toHaveLength(1);
  const everything = [...answers, ...logs.map((entry) => JSON.stringify(entry))].join('\n');
  expect(everything).not.toContain(ada.password);
  expect(everything).not.toContain('scrypt$');
});
// #endregion no-leak-test
