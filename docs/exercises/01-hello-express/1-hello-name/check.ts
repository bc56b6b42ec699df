// Check for lesson 01, exercise 1: GET /api/v1/hello/:name greets by name.
import request from 'supertest';
import { expect } from 'vitest';
import { createApp } from '../../../../lessons/01-hello-express/src/app.ts';
import { expectation } from '../../expectation.ts';

expectation(
  'GET /api/v1/hello/Ada answers 200 with { "message": "Hello, Ada!" }',
  'Register app.get(\'/api/v1/hello/:name\', …) in createApp(), next to the other routes.',
  async () => {
    const res = await request(createApp()).get('/api/v1/hello/Ada');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: 'Hello, Ada!' });
  },
);

expectation(
  'the name comes from the path, not from the code',
  ':name in the route path becomes req.params.name in the handler.',
  async () => {
    const res = await request(createApp()).get('/api/v1/hello/Grace');

    expect(res.body).toEqual({ message: 'Hello, Grace!' });
  },
);

expectation(
  'the lesson\'s routes still answer',
  'Add the new route; keep /health and /api/v1/ping as they are.',
  async () => {
    expect((await request(createApp()).get('/health')).body).toEqual({ status: 'ok' });
    expect((await request(createApp()).get('/api/v1/ping')).status).toBe(200);
  },
);
