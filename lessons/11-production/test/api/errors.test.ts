// How the end of the chain, notFound() and errorHandler(), answers what goes
// wrong, as a client sees it.
import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { ada, problemFor } from './helpers.ts';

test('the request id in an error answer is the one in the X-Request-Id header', async () => {
  const res = await request(makeApi().app).get('/api/v1/users/999');

  expect(res.status).toBe(401);

  expect(res.body.requestId).toBe(res.headers['x-request-id']);
});

test('a request id sent by the client is quoted back in the error', async () => {
  const res = await request(makeApi().app).get('/api/v1/users/999').set('X-Request-Id', 'support-ticket-7');

  expect(res.body.requestId).toBe('support-ticket-7');
});

test('HEAD for an unknown path answers 404 with no body', async () => {
  const res = await request(makeApi().app).head('/api/v1/nope');

  expect(res.status).toBe(404);
  expect(res.text).toBeUndefined();
});

test('malformed JSON is a 400 in the error format before any route runs', async () => {
  const { app } = makeApi();

  const res = await request(app).post('/api/v1/auth/register').set('Content-Type', 'application/json').send("{ username: 'ada' }");

  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(res.body.detail).toBe('Malformed JSON in request body');
});

test.each(['null', '"ada"', '42'])('a JSON body of %s is a 400 that says a body must be an object or an array', async (body) => {
  const res = await request(makeApi().app).post('/api/v1/auth/register').set('Content-Type', 'application/json').send(body);

  expect(res.status).toBe(400);
  expect(res.body).toEqual(problemFor(400, 'Bad Request', 'The JSON request body must be an object or an array', '/api/v1/auth/register'));
});

test('a body over the limit is a 413 that names the limit', async () => {
  const res = await request(makeApi().app)
    .post('/api/v1/auth/register')
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ ...ada, padding: 'x'.repeat(20_000) }));

  expect(res.status).toBe(413);
  expect(res.body).toMatchObject({ title: 'Payload Too Large', detail: 'Request body is too large; the limit is 10kb', limit: 10_240 });
});
