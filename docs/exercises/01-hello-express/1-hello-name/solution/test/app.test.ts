import request from 'supertest';
import { expect, onTestFinished, test, vi } from 'vitest';
import { createApp } from '../src/app.ts';

// supertest hands the app to an ephemeral in-process server: no port to pick,
// nothing left listening when the test ends.

// #region first-test
test('GET /health answers 200 with { status: "ok" }', async () => {
  const res = await request(createApp()).get('/health');

  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({ status: 'ok' });
});
// #endregion first-test

test('GET /api/v1/ping answers pong with the server time', async () => {
  // Stop the clock at a known time. Only Date is faked: the network runs as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-01-01T12:00:00.000Z'));
  onTestFinished(() => {
    vi.useRealTimers();
  });

  const res = await request(createApp()).get('/api/v1/ping');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ message: 'pong', time: '2025-01-01T12:00:00.000Z', method: 'GET' });
});

test('HEAD /health answers 200 with no body', async () => {
  const res = await request(createApp()).head('/health');

  expect(res.status).toBe(200);
  expect(res.text).toBeUndefined();
});

test('does not advertise Express in X-Powered-By', async () => {
  const res = await request(createApp()).get('/health');

  expect(res.headers['x-powered-by']).toBeUndefined();
});

test('an unknown path answers 404', async () => {
  const res = await request(createApp()).get('/api/v1/nope');

  expect(res.status).toBe(404);
});

test('a method the route does not handle answers 404', async () => {
  const res = await request(createApp()).post('/health');

  expect(res.status).toBe(404);
});

test('each call to createApp() returns an independent app', () => {
  expect(createApp()).not.toBe(createApp());
});

// #region test
test('GET /api/v1/hello/:name greets by name', async () => {
  const res = await request(createApp()).get('/api/v1/hello/Ada');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ message: 'Hello, Ada!' });
});
// #endregion test
