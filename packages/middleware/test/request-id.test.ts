import request from 'supertest';
import { expect, test } from 'vitest';
import { requestId, SAFE_REQUEST_ID } from '../src/index.ts';
import { appWith } from './helpers.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function echoApp(options?: Parameters<typeof requestId>[0]) {
  return appWith((app) => {
    app.use(requestId(options));
    app.get('/id', (req, res) => res.json({ id: req.id }));
  }).app;
}

test('a request without an id gets a fresh UUID in req.id and in X-Request-Id', async () => {
  const res = await request(echoApp()).get('/id');

  expect(res.body.id).toMatch(uuid);
  expect(res.headers['x-request-id']).toBe(res.body.id);
});

test('every request gets its own id', async () => {
  const app = echoApp();

  const [a, b] = await Promise.all([request(app).get('/id'), request(app).get('/id')]);

  expect(a.body.id).not.toBe(b.body.id);
});

test('a sane incoming X-Request-Id is kept', async () => {
  const res = await request(echoApp()).get('/id').set('X-Request-Id', 'lb-7f3a.2:worker@eu_1');

  expect(res.body.id).toBe('lb-7f3a.2:worker@eu_1');
  expect(res.headers['x-request-id']).toBe('lb-7f3a.2:worker@eu_1');
});

test.each([
  ['too long', 'a'.repeat(129)],
  ['containing spaces', 'id with spaces'],
  ['containing a quote', 'x"y'],
  ['sent twice (joined with a comma)', ['one', 'two']],
  ['containing a newline escape', 'a%0d%0ab'],
])('an incoming id %s is replaced by a fresh one', async (_name, value) => {
  const res = await request(echoApp()).get('/id').set('X-Request-Id', value as string);

  expect(res.body.id).toMatch(uuid);
});

test('the longest accepted id is 128 characters', () => {
  expect(SAFE_REQUEST_ID.test('a'.repeat(128))).toBe(true);
  expect(SAFE_REQUEST_ID.test('a'.repeat(129))).toBe(false);
  expect(SAFE_REQUEST_ID.test('')).toBe(false);
});

test('trustIncoming: false ignores the incoming header', async () => {
  const res = await request(echoApp({ trustIncoming: false })).get('/id').set('X-Request-Id', 'from-client');

  expect(res.body.id).toMatch(uuid);
});

test('header renames the header read and written', async () => {
  const res = await request(echoApp({ header: 'X-Correlation-Id' })).get('/id').set('X-Correlation-Id', 'corr-1');

  expect(res.body.id).toBe('corr-1');
  expect(res.headers['x-correlation-id']).toBe('corr-1');
  expect(res.headers['x-request-id']).toBeUndefined();
});

test('generate makes the fresh ids', async () => {
  let n = 0;
  const res = await request(echoApp({ generate: (req) => `${req.method.toLowerCase()}-${++n}` })).get('/id');

  expect(res.body.id).toBe('get-1');
});

test('a generator that returns no string is a 500 that names the option', async () => {
  const { app, errors } = appWith((app) => {
    app.use(requestId({ generate: () => 42 as unknown as string }));
    app.get('/id', (_req, res) => res.end());
  });

  const res = await request(app).get('/id');

  expect(res.status).toBe(500);
  expect(String(errors[0]!.error)).toContain('option "generate" must return a non-empty string, got a number (42)');
});

test('the id reaches error answers as requestId', async () => {
  const res = await request(echoApp()).get('/nope').set('X-Request-Id', 'trace-me');

  expect(res.status).toBe(404);
  expect(res.headers['x-request-id']).toBe('trace-me');
  expect(res.body.requestId).toBe('trace-me');
});
