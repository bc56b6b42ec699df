// The password must never leave the request that carried it: here, as a
// client sees the answers.
import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { ada } from './helpers.ts';

test('a validation error about the password names the field, never its value', async () => {
  const { app } = makeApi();

  const res = await request(app).post('/api/v1/auth/register').send({ ...ada, password: 'hunter2' });

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([{ path: 'password', message: 'must be 8 to 256 characters long', location: 'body' }]);
  expect(res.text).not.toContain('hunter2');
});
