import express from 'express';
import request from 'supertest';
import { expect, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import { validate } from '../src/index.ts';
import { appWith } from './helpers.ts';

const newUser = z.object({
  email: z.email(),
  name: z.string().trim().min(1, 'Name is required'),
  tags: z.array(z.string()).default([]),
});
const postId = z.object({ id: z.coerce.number().int().positive() });
const page = z.object({ page: z.coerce.number().int().min(1).default(1), limit: z.coerce.number().int().max(100).default(20) });

function forumApp() {
  return appWith((app) => {
    app.use(express.json());
    app.post('/users', validate({ body: newUser }), (req, res) => {
      res.status(201).json(req.body);
    });
    app.get('/posts', validate({ query: page }), (req, res) => {
      res.json({ query: req.query, types: [typeof req.query.page, typeof req.query.limit] });
    });
    app.get('/posts/:id', validate({ params: postId }), (req, res) => {
      res.json({ id: req.params.id, type: typeof req.params.id });
    });
    app.patch('/posts/:id', validate({ params: postId, body: newUser.partial(), query: page }), (req, res) => {
      res.json({ params: req.params, body: req.body, query: req.query });
    });
  });
}

test('valid input reaches the handler parsed: trimmed, with defaults', async () => {
  const res = await request(forumApp().app).post('/users').send({ email: 'ada@example.com', name: '  Ada ' });

  expect(res.status).toBe(201);
  expect(res.body).toEqual({ email: 'ada@example.com', name: 'Ada', tags: [] });
});

test('invalid input answers 400 with one entry per problem, and the handler never runs', async () => {
  const { app, errors } = forumApp();

  const res = await request(app).post('/users').send({ email: 'nope', name: ' ', tags: ['a', 1] });

  expect(res.status).toBe(400);
  expect(res.body).toEqual({
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'Request validation failed',
    instance: '/users',
    errors: [
      { path: 'email', message: 'Invalid email address', location: 'body' },
      { path: 'name', message: 'Name is required', location: 'body' },
      { path: 'tags.1', message: 'Invalid input: expected string, received number', location: 'body' },
    ],
  });
  expect(errors).toEqual([]);
});

test('a request without a body is checked as an empty object, so each required field is named', async () => {
  const res = await request(forumApp().app).post('/users');

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([
    { path: 'email', message: 'Invalid input: expected string, received undefined', location: 'body' },
    { path: 'name', message: 'Invalid input: expected string, received undefined', location: 'body' },
  ]);
});

test.each([
  ['text/plain', 'Unsupported Content-Type "text/plain" for the request body'],
  ['application/x-www-form-urlencoded', 'Unsupported Content-Type "application/x-www-form-urlencoded" for the request body'],
  ['application/vnd.api+json; charset=utf-8', 'Unsupported Content-Type "application/vnd.api+json" for the request body'],
  ['not a <type>', 'Unsupported Content-Type for the request body'],
])('a body sent as %s, which no body parser reads, answers 415 and the handler never runs', async (type, detail) => {
  const { app, errors } = forumApp();

  const res = await request(app).post('/users').set('Content-Type', type).send('{"email":"ada@example.com","name":"Ada"}');

  expect(res.status).toBe(415);
  expect(res.body).toEqual({ type: 'about:blank', title: 'Unsupported Media Type', status: 415, detail, instance: '/users' });
  expect(errors).toEqual([]);
});

test('a body without a Content-Type answers 415 that says so', async () => {
  const res = await request(forumApp().app).post('/users').send(Buffer.from('{"email":"ada@example.com","name":"Ada"}'));

  expect(res.status).toBe(415);
  expect(res.body.detail).toBe('The request body has no Content-Type');
});

test('the handler sees coerced query values through Express 5 req.query getter', async () => {
  const res = await request(forumApp().app).get('/posts?page=3');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ query: { page: 3, limit: 20 }, types: ['number', 'number'] });
});

test('an invalid query answers 400 located in the query', async () => {
  const res = await request(forumApp().app).get('/posts?page=0&limit=500');

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([
    { path: 'page', message: 'Too small: expected number to be >=1', location: 'query' },
    { path: 'limit', message: 'Too big: expected number to be <=100', location: 'query' },
  ]);
});

test('route params are coerced: the handler sees a number', async () => {
  const res = await request(forumApp().app).get('/posts/42');

  expect(res.body).toEqual({ id: 42, type: 'number' });
});

test('a bad id answers 400 located in params, not 500 and not 404', async () => {
  const res = await request(forumApp().app).get('/posts/abc');

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([
    { path: 'id', message: 'Invalid input: expected number, received NaN', location: 'params' },
  ]);
});

test('problems in several parts are reported together', async () => {
  const res = await request(forumApp().app).patch('/posts/x?page=-1').send({ email: 'bad' });

  expect(res.status).toBe(400);
  expect(res.body.errors.map((e: { location: string; path: string }) => `${e.location}.${e.path}`)).toEqual([
    'params.id',
    'query.page',
    'body.email',
  ]);
});

test('all three parts are replaced when everything is valid', async () => {
  const res = await request(forumApp().app).patch('/posts/7?limit=5').send({ name: ' Bo ' });

  expect(res.body).toEqual({ params: { id: 7 }, body: { name: 'Bo', tags: [] }, query: { page: 1, limit: 5 } });
});

test('unknown fields are dropped by the schema before the handler sees them', async () => {
  const res = await request(forumApp().app)
    .post('/users')
    .send({ email: 'ada@example.com', name: 'Ada', role: 'admin' });

  expect(res.body).not.toHaveProperty('role');
});

test('a parse function that returns a value is used like a schema', async () => {
  const { app } = appWith((app) => {
    app.get(
      '/items',
      validate({ query: (input) => ({ q: String((input as { q?: unknown }).q ?? '').toUpperCase() }) }),
      (req, res) => res.json(req.query),
    );
  });

  const res = await request(app).get('/items?q=abc');

  expect(res.body).toEqual({ q: 'ABC' });
});

test('a parse function that throws an Error gives one entry with its message', async () => {
  const { app } = appWith((app) => {
    app.get(
      '/items/:id',
      validate({
        params: (input) => {
          const id = Number((input as { id: string }).id);
          if (!Number.isInteger(id)) throw new Error('id must be a whole number');
          return { id };
        },
      }),
      (req, res) => res.json(req.params),
    );
  });

  const res = await request(app).get('/items/1.5');

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([{ path: '', message: 'id must be a whole number', location: 'params' }]);
});

test('schema.parse passed as a parse function reports each zod issue', async () => {
  const { app } = appWith((app) => {
    app.use(express.json());
    app.post('/users', validate({ body: newUser.parse }), (req, res) => res.json(req.body));
  });

  const res = await request(app).post('/users').send({ email: 'x', name: 'Ada' });

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([{ path: 'email', message: 'Invalid email address', location: 'body' }]);
});

test('used with app.use, validate checks the query of every request', async () => {
  const { app } = appWith((app) => {
    app.use(validate({ query: z.object({ lang: z.enum(['en', 'de']).default('en') }) }));
    app.get('/hello', (req, res) => res.json(req.query));
  });

  expect((await request(app).get('/hello')).body).toEqual({ lang: 'en' });
  expect((await request(app).get('/hello?lang=fr')).status).toBe(400);
});

test('the handler types follow the schemas', () => {
  const router = express.Router();
  router.patch('/posts/:id', validate({ params: postId, body: newUser, query: page }), (req, res) => {
    expectTypeOf(req.params.id).toEqualTypeOf<number>();
    expectTypeOf(req.body.email).toEqualTypeOf<string>();
    expectTypeOf(req.body.tags).toEqualTypeOf<string[]>();
    expectTypeOf(req.query.page).toEqualTypeOf<number>();
    res.end();
  });
  router.get('/echo/:id', validate({ query: (input) => String(input) }), (req, res) => {
    expectTypeOf(req.query).toEqualTypeOf<string>();
    // Without a params schema, req.params is a record of strings.
    expectTypeOf(req.params.id).toEqualTypeOf<string | undefined>();
    res.end();
  });
});
