import express from 'express';
import createError from 'http-errors';
import request from 'supertest';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { fieldErrorFromIssue } from '../src/index.ts';
import { appWith } from './helpers.ts';

test('an error with an errors array answers 400 with one entry per field', async () => {
  const errors = [
    { path: 'email', message: 'Invalid email address', location: 'body' },
    { path: 'page', message: 'Expected a number', location: 'query' },
  ];
  const { app, logs } = appWith((app) =>
    app.post('/users', () => {
      throw createError(400, 'Request validation failed', { errors });
    }),
  );

  const res = await request(app).post('/users?page=x');

  expect(res.status).toBe(400);
  expect(res.body).toEqual({
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'Request validation failed',
    instance: '/users',
    errors,
  });
  expect(logs).toEqual([]);
});

test('only path, message and location of each entry reach the client', async () => {
  const { app } = appWith((app) =>
    app.post('/users', () => {
      throw createError(400, 'Invalid', {
        errors: [{ path: 'password', message: 'Too short', location: 'body', input: 'hunter2' }],
      });
    }),
  );

  const res = await request(app).post('/users');

  expect(res.body.errors).toEqual([{ path: 'password', message: 'Too short', location: 'body' }]);
  expect(res.text).not.toContain('hunter2');
});

test('an errors array on a plain Error becomes a 400 with a generic detail', async () => {
  const { app } = appWith((app) =>
    app.post('/users', () => {
      throw Object.assign(new Error('internal'), { errors: [{ path: 'name', message: 'Required', location: 'body' }] });
    }),
  );

  const res = await request(app).post('/users');

  expect(res.status).toBe(400);
  expect(res.body.detail).toBe('Request validation failed');
  expect(res.body.errors).toHaveLength(1);
});

test('an errors array that is not made of field errors is not copied', async () => {
  const { app, logs } = appWith((app) =>
    app.get('/x', async () => {
      await Promise.any([Promise.reject(new Error('a')), Promise.reject(new Error('b'))]);
    }),
  );

  const res = await request(app).get('/x');

  expect(res.status).toBe(500);
  expect(res.body).not.toHaveProperty('errors');
  expect(logs[0]!.error).toBeInstanceOf(AggregateError);
});

test('an entry with an unknown location disqualifies the array', async () => {
  const { app } = appWith((app) =>
    app.get('/x', () => {
      throw createError(400, 'Bad header', { errors: [{ path: 'x', message: 'no', location: 'headers' }] });
    }),
  );

  const res = await request(app).get('/x');

  expect(res.status).toBe(400);
  expect(res.body.detail).toBe('Bad header');
  expect(res.body).not.toHaveProperty('errors');
});

test('an errors array on a 5xx error stays on the server', async () => {
  const { app } = appWith((app) =>
    app.get('/x', () => {
      throw createError(500, 'Upstream', { errors: [{ path: 'x', message: 'no', location: 'body' }] });
    }),
  );

  const res = await request(app).get('/x');

  expect(res.status).toBe(500);
  expect(res.body).not.toHaveProperty('errors');
});

test('a ZodError thrown by a handler answers 400 with one entry per issue, located in the body', async () => {
  const schema = z.object({ email: z.email(), tags: z.array(z.string()) });
  const { app, logs } = appWith((app) => {
    app.use(express.json());
    app.post('/users', (req, res) => {
      res.status(201).json(schema.parse(req.body));
    });
  });

  const res = await request(app).post('/users').send({ email: 'nope', tags: ['a', 2] });

  expect(res.status).toBe(400);
  expect(res.body.detail).toBe('Request validation failed');
  expect(res.body.errors).toEqual([
    { path: 'email', message: 'Invalid email address', location: 'body' },
    { path: 'tags.1', message: 'Invalid input: expected string, received number', location: 'body' },
  ]);
  expect(res.text).not.toContain('pattern');
  expect(logs).toEqual([]);
});

test('a ZodError about the whole input has an empty path', async () => {
  const { app } = appWith((app) => {
    app.use(express.json());
    app.post('/users', (req) => {
      z.object({ name: z.string() }).parse(req.body);
    });
  });

  const res = await request(app).post('/users').set('Content-Type', 'application/json').send('[1]');

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([
    { path: '', message: 'Invalid input: expected object, received array', location: 'body' },
  ]);
});

// validate() in @forum-lessons/middleware builds its entries with the same function.
test.each([
  [{ path: ['tags', 0], message: 'Expected a string' }, { path: 'tags.0', message: 'Expected a string', location: 'query' }],
  [{ path: [Symbol('meta'), 'x'], message: 'No' }, { path: 'meta.x', message: 'No', location: 'query' }],
  [{ path: [], message: 'Expected an object' }, { path: '', message: 'Expected an object', location: 'query' }],
  [{ message: 'No path' }, { path: '', message: 'No path', location: 'query' }],
  [{ path: ['email'], message: 42 }, { path: 'email', message: 'Invalid value', location: 'query' }],
  [null, { path: '', message: 'Invalid value', location: 'query' }],
])('fieldErrorFromIssue(%o) joins the path with dots', (issue, entry) => {
  expect(fieldErrorFromIssue(issue, 'query')).toEqual(entry);
});
