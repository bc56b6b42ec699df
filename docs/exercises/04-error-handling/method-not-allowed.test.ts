import { errorHandler, notFound } from '@forum-lessons/error-handler';
import express from 'express';
import request from 'supertest';
import { expect, onTestFinished, test } from 'vitest';
import { openDatabase } from '../../../lessons/04-error-handling/src/db.ts';
import { createUsersRouterWith405 } from './method-not-allowed.ts';

function createApp() {
  const db = openDatabase(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const app = express();
  app.use(express.json());
  app.use('/api/v1/users', createUsersRouterWith405({ db }));
  app.use(notFound());
  app.use(errorHandler({ log: () => {} }));
  return app;
}

test('DELETE /api/v1/users answers 405 with Allow: GET, POST', async () => {
  const res = await request(createApp()).delete('/api/v1/users');

  expect(res.status).toBe(405);
  expect(res.headers.allow).toBe('GET, POST');
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(res.body).toMatchObject({ title: 'Method Not Allowed', detail: 'Use GET or POST on this path' });
});

test('PUT /api/v1/users/1 answers 405 with Allow: GET', async () => {
  const res = await request(createApp()).put('/api/v1/users/1');

  expect(res.status).toBe(405);
  expect(res.headers.allow).toBe('GET');
});

test('the allowed methods still work, and unknown paths are still 404', async () => {
  const app = createApp();

  expect((await request(app).get('/api/v1/users')).status).toBe(200);
  expect((await request(app).delete('/api/v1/users/1/posts')).status).toBe(404);
});
