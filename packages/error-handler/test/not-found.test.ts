import express from 'express';
import request from 'supertest';
import { expect, test } from 'vitest';
import { errorHandler, notFound } from '../src/index.ts';
import { appWith } from './helpers.ts';

test('an unmatched route answers 404 problem details naming method and path', async () => {
  const { app, logs } = appWith(() => {});

  const res = await request(app).get('/api/v1/nope?page=2');

  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(res.body).toEqual({
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: 'Cannot GET /api/v1/nope',
    instance: '/api/v1/nope',
  });
  expect(logs).toEqual([]);
});

test('the detail names the method the client used', async () => {
  const { app } = appWith((app) => app.get('/posts', (_req, res) => res.json([])));

  const res = await request(app).delete('/posts');

  expect(res.status).toBe(404);
  expect(res.body.detail).toBe('Cannot DELETE /posts');
});

test('a path inside a mounted router is reported in full', async () => {
  const { app } = appWith((app) => app.use('/api/v1', express.Router()));

  const res = await request(app).get('/api/v1/users/7');

  expect(res.body.detail).toBe('Cannot GET /api/v1/users/7');
  expect(res.body.instance).toBe('/api/v1/users/7');
});

test('matched routes are not affected', async () => {
  const { app } = appWith((app) => app.get('/health', (_req, res) => res.json({ status: 'ok' })));

  const res = await request(app).get('/health');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'ok' });
});

test('app.use(notFound) without the call answers 500 and logs how to fix it', async () => {
  const logs: unknown[] = [];
  const app = express();
  // TypeScript accepts this: a function of no parameters fits where a
  // middleware is expected. The mistake only shows at run time.
  app.use(notFound);
  app.use(errorHandler({ log: (entry) => logs.push(entry.error) }));

  const res = await request(app).get('/anything');

  expect(res.status).toBe(500);
  expect(String(logs[0])).toContain('write app.use(notFound()), not app.use(notFound)');
});

test('notFound() refuses options it does not have, instead of ignoring them', () => {
  // @ts-expect-error notFound() takes no options
  expect(() => notFound({ detail: 'Nothing here' })).toThrow(new TypeError('notFound() takes no options, got an object'));
});
