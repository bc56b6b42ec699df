import { gzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { expect, test } from 'vitest';
import { appWith } from './helpers.ts';

function jsonApp(options: Parameters<typeof express.json>[0] = {}) {
  return appWith((app) => {
    app.use(express.json(options));
    app.post('/posts', (req, res) => res.status(201).json(req.body));
  });
}

test('malformed JSON answers 400 "Malformed JSON in request body"', async () => {
  const { app, logs } = jsonApp();

  const res = await request(app).post('/posts').set('Content-Type', 'application/json').send('{"title": "Hi",}');

  expect(res.status).toBe(400);
  expect(res.body).toEqual({
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'Malformed JSON in request body',
    instance: '/posts',
  });
  expect(logs).toEqual([]);
});

test.each(['"hello"', 'null', '42', 'true'])(
  'valid JSON that is not an object or array (%s) answers 400 saying so, not "Malformed JSON"',
  async (body) => {
    const { app, logs } = jsonApp();

    const res = await request(app).post('/posts').set('Content-Type', 'application/json').send(body);

    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('The JSON request body must be an object or an array');
    expect(logs).toEqual([]);
  },
);

test('the malformed body is not echoed back', async () => {
  const { app } = jsonApp();

  const res = await request(app).post('/posts').set('Content-Type', 'application/json').send('{"password": "hunter2"');

  expect(res.status).toBe(400);
  expect(res.text).not.toContain('hunter2');
});

test('a body over the limit answers 413 naming the limit', async () => {
  const { app } = jsonApp({ limit: '1kb' });

  const res = await request(app)
    .post('/posts')
    .send({ title: 'x'.repeat(2000) });

  expect(res.status).toBe(413);
  expect(res.body.title).toBe('Payload Too Large');
  expect(res.body.detail).toBe('Request body is too large; the limit is 1kb');
  expect(res.body.limit).toBe(1024);
});

test('the default limit of express.json() reads as 100kb', async () => {
  const { app } = jsonApp();

  const res = await request(app)
    .post('/posts')
    .send({ title: 'x'.repeat(110 * 1024) });

  expect(res.status).toBe(413);
  expect(res.body.detail).toBe('Request body is too large; the limit is 100kb');
});

test('an unsupported charset answers 415', async () => {
  const { app } = jsonApp();

  const res = await request(app)
    .post('/posts')
    .set('Content-Type', 'application/json; charset=latin1')
    .send('{"title":"Hi"}');

  expect(res.status).toBe(415);
  expect(res.body.title).toBe('Unsupported Media Type');
  expect(res.body.detail).toBe('Unsupported charset "latin1" in Content-Type; send UTF-8');
});

test('an unsupported content encoding answers 415', async () => {
  const { app } = jsonApp();

  const res = await request(app)
    .post('/posts')
    .set('Content-Type', 'application/json')
    .set('Content-Encoding', 'compress')
    .send('{"title":"Hi"}');

  expect(res.status).toBe(415);
  expect(res.body.detail).toBe('Unsupported Content-Encoding "compress"');
});

test('a compressed body is refused with 415 when inflate is off', async () => {
  const { app } = jsonApp({ inflate: false });

  const res = await request(app)
    .post('/posts')
    .set('Content-Type', 'application/json')
    .set('Content-Encoding', 'gzip')
    .send(gzipSync('{"title":"Hi"}'));

  expect(res.status).toBe(415);
  expect(res.body.detail).toBe('Unsupported Content-Encoding "gzip"');
});

test('a header value that does not look like a name is not echoed', async () => {
  const { app } = jsonApp();

  const res = await request(app)
    .post('/posts')
    .set('Content-Type', 'application/json')
    .set('Content-Encoding', 'x<script>')
    .send('{"title":"Hi"}');

  expect(res.status).toBe(415);
  expect(res.body.detail).toBe('Unsupported Content-Encoding');
});

test('valid JSON passes through', async () => {
  const { app } = jsonApp();

  const res = await request(app).post('/posts').send({ title: 'Hi' });

  expect(res.status).toBe(201);
  expect(res.body).toEqual({ title: 'Hi' });
});
