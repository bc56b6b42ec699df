// Check for lesson 01, exercise 3: /api/v1/ping sends Cache-Control: no-store.
import request from 'supertest';
import { expect } from 'vitest';
import { createApp } from '../../../../lessons/01-hello-express/src/app.ts';
import { expectation } from '../../expectation.ts';

expectation(
  'GET /api/v1/ping answers with Cache-Control: no-store',
  'res.set(name, value) adds a header; call it before res.json() sends the answer.',
  async () => {
    const res = await request(createApp()).get('/api/v1/ping');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  },
);

expectation(
  'the ping answer is unchanged',
  'Only add the header: the body stays { message: "pong", time, method }.',
  async () => {
    const res = await request(createApp()).get('/api/v1/ping');

    expect(res.body).toMatchObject({ message: 'pong', method: 'GET' });
  },
);
