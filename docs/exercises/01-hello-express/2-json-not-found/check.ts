// Check for lesson 01, exercise 2: unknown paths answer 404 as problem details.
import request from 'supertest';
import { expect } from 'vitest';
import { createApp } from '../../../../lessons/01-hello-express/src/app.ts';
import { expectation } from '../../expectation.ts';

expectation(
  'an unknown path answers 404 with Content-Type: application/problem+json',
  'A middleware registered with app.use() after every route runs only when no route answered; res.type() sets the media type.',
  async () => {
    const res = await request(createApp()).get('/no/such/path');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  },
);

expectation(
  'the body is problem details: type, title, status, detail, instance',
  'See the 404 example on the error format page: { type: "about:blank", title: "Not Found", status: 404, detail, instance }.',
  async () => {
    const res = await request(createApp()).get('/no/such/path');

    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404, instance: '/no/such/path' });
    expect(typeof res.body.detail).toBe('string');
  },
);

expectation(
  'the lesson\'s routes still answer',
  'Register the 404 middleware last: a middleware before the routes would answer every request.',
  async () => {
    expect((await request(createApp()).get('/health')).body).toEqual({ status: 'ok' });
    expect((await request(createApp()).get('/api/v1/ping')).status).toBe(200);
  },
);
