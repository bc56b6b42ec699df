// Check for lesson 10, exercise 1: the API answers at /api/v2 as well as at
// /api/v1, and every Location header names the path the client used.
import request from 'supertest';
import { expect } from 'vitest';
import { approvedAgent, makeApp } from '../../../../lessons/10-sub-apps/test/helpers.ts';
import { expectation } from '../../expectation.ts';

const lin = { username: 'lin', email: 'lin@example.com', password: 'quiet lanterns over harbour 5' };

expectation(
  'GET /api/v2/ping answers pong, as /api/v1/ping does',
  'Mount an API at /api/v2 in createApp(), before the web sub-app: mounted after it, the page\'s 404 answers first.',
  async () => {
    const res = await request(makeApp().app).get('/api/v2/ping');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ message: 'pong' });
  },
);

expectation(
  'a path under /api/v2 that no route matches is a 404 in problem details',
  'The API sub-app brings its own notFound() and error handler: mount the whole API, not its routers one by one.',
  async () => {
    const res = await request(makeApp().app).get('/api/v2/nope');

    expect(res.status).toBe(404);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, instance: '/api/v2/nope' });
  },
);

expectation(
  'registering through /api/v2 answers Location: /api/v2/users/:id',
  'register builds its Location from req.app.path(). One app mounted at two paths (app.use([\'/api/v1\', \'/api/v2\'], api)) has an array for mountpath, and path() joins it with a comma: give each path an API of its own.',
  async () => {
    const res = await request(makeApp().app).post('/api/v2/auth/register').send(lin);

    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v2/users/${res.body.id}`);
  },
);

expectation(
  'a post and a reply written through /api/v2 answer Location headers under /api/v2',
  'The posts router builds its Location from req.baseUrl, which is the path the request came in by: nothing to change there once the API is mounted.',
  async () => {
    const { app } = makeApp();
    const agent = await approvedAgent(app);

    const post = await agent.post('/api/v2/posts').send({ title: 'Hello', body: 'Through v2.' });
    expect(post.status).toBe(201);
    expect(post.headers.location).toBe(`/api/v2/posts/${post.body.id}`);

    const reply = await agent.post(`/api/v2/posts/${post.body.id}/replies`).send({ body: 'A reply.' });
    expect(reply.status).toBe(201);
    expect(reply.headers.location).toBe(`/api/v2/posts/${post.body.id}/replies`);
  },
);

expectation(
  '/api/v1 answers as before: the same Location headers, the same session',
  'Keep the /api/v1 mount as it is; both APIs read the one session store, so one login serves both.',
  async () => {
    const { app } = makeApp();
    const agent = await approvedAgent(app);

    const post = await agent.post('/api/v1/posts').send({ title: 'Hello', body: 'Through v1.' }).expect(201);
    expect(post.headers.location).toBe(`/api/v1/posts/${post.body.id}`);
    const registered = await request(app).post('/api/v1/auth/register').send(lin).expect(201);
    expect(registered.headers.location).toBe(`/api/v1/users/${registered.body.id}`);
  },
);
