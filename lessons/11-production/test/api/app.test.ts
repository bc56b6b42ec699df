import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi, notice } from '#api-under-test';
import { problemFor } from './helpers.ts';

// #region first-test
test('GET /health answers 200 with { status: "ok" }', async () => {
  const res = await request(makeApi().app).get('/health');

  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({ status: 'ok' });
});
// #endregion first-test

test('GET /api/v1/notice answers the notice the loader returned', async () => {
  const res = await request(makeApi().app).get('/api/v1/notice');

  expect(res.status).toBe(200);
  expect(res.body).toEqual(notice);
});

test('HEAD /health answers 200 with no body', async () => {
  const res = await request(makeApi().app).head('/health');

  expect(res.status).toBe(200);
  expect(res.text).toBeUndefined();
});

test('does not advertise Express in X-Powered-By', async () => {
  const res = await request(makeApi().app).get('/health');

  expect(res.headers['x-powered-by']).toBeUndefined();
});

test('an unknown path answers 404 in the error format', async () => {
  const res = await request(makeApi().app).get('/api/v1/nope?x=1');

  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(res.body).toEqual(problemFor(404, 'Not Found', 'Cannot GET /api/v1/nope', '/api/v1/nope'));
});

test('a method an API route does not handle answers 404 in the error format', async () => {
  const res = await request(makeApi().app).post('/api/v1/ping');

  expect(res.status).toBe(404);
  expect(res.type).toBe('application/problem+json');
  expect(res.body.detail).toBe('Cannot POST /api/v1/ping');
});

test('outside the API, a method no route handles gets the page\'s HTML 404', async () => {
  const res = await request(makeApi().app).post('/health');

  expect(res.status).toBe(404);
  expect(res.type).toBe('text/html');
});
