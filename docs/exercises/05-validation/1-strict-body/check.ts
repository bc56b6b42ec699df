// Check for lesson 05, exercise 1: POST /api/v1/users refuses keys it does not know.
import request from 'supertest';
import { expect } from 'vitest';
import { makeApp } from '../../../../lessons/05-validation/test/helpers.ts';
import { expectation } from '../../expectation.ts';

expectation(
  'a body with an unknown key answers 400 and names the key',
  'z.object() drops keys it does not list; z.strictObject() refuses them.',
  async () => {
    const { app } = makeApp();
    const res = await request(app).post('/api/v1/users').send({ username: 'ada', email: 'ada@example.com', role: 'admin' });

    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('role');
  },
);

expectation(
  'a refused body creates no user',
  'The check must run before the INSERT: in the schema that validate() applies to POST /.',
  async () => {
    const { app } = makeApp();
    await request(app).post('/api/v1/users').send({ username: 'ada', email: 'ada@example.com', role: 'admin' });

    expect((await request(app).get('/api/v1/users')).body.total).toBe(0);
  },
);

expectation(
  'a body with only the known keys is still created, trimmed and lowercased',
  'Keep the username and email fields of the schema as they are; only unknown keys are refused.',
  async () => {
    const { app } = makeApp();
    const res = await request(app).post('/api/v1/users').send({ username: ' ada ', email: 'ADA@example.com' });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'ada', email: 'ada@example.com' });
  },
);

expectation(
  'field problems are still reported next to the unknown key',
  'A plain string message on the object replaces every issue\'s message; give one only for a body that is not an object.',
  async () => {
    const { app } = makeApp();
    const res = await request(app).post('/api/v1/users').send({ username: 'ada', admin: true });

    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ path: 'email', message: 'is required', location: 'body' });
    expect(JSON.stringify(res.body.errors)).toContain('admin');
  },
);
