import request from 'supertest';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { ada, adminAgent, grace, loggedInAgent, problemFor } from './helpers.ts';

/** An app with an approved Ada, an approved Grace and the admin, each with a logged-in agent. */
async function forum() {
  const { app } = makeApi();
  // Ada first (id 1), then the admin, who approves her and Grace.
  const adaAgent = await loggedInAgent(app, ada);
  const admin = await adminAgent(app);
  const graceAgent = await loggedInAgent(app, grace);
  for (const id of [1, 3]) await admin.post(`/api/v1/users/${id}/approve`).expect(200);
  return { app, ada: adaAgent, grace: graceAgent, admin };
}

const newPost = { title: 'Hello, forum', body: 'The first post.' };

test('a pending member gets 403 from the posts routes, and an anonymous caller 401', async () => {
  const { app } = makeApi();
  const pending = await loggedInAgent(app, ada);

  const refused = await pending.post('/api/v1/posts').send(newPost);

  expect(refused.status).toBe(403);
  expect(refused.body.detail).toBe("Your account is waiting for an administrator's approval");
  expect((await request(app).get('/api/v1/posts')).status).toBe(401);
});

test('titles and bodies are stored as text and sent back as they were, never interpreted', async () => {
  const { ada: agent } = await forum();
  const markup = { title: '<b>bold</b> & "quotes"', body: "<script>alert('x')</script>\n\n**not markdown** either" };

  const { body: created } = await agent.post('/api/v1/posts').send(markup);
  const res = await agent.get(`/api/v1/posts/${created.id}`);

  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toMatchObject(markup);
});

// #region page-bounds-test
test('a page past the last one is empty, not an error', async () => {
  const { ada: agent } = await forum();
  await agent.post('/api/v1/posts').send(newPost);

  const res = await agent.get('/api/v1/posts?page=99');

  expect(res.status).toBe(200);
  expect(res.body).toEqual({ data: [], page: 99, limit: 20, total: 1, pages: 1 });
});

test('an empty forum is page 1 of 1', async () => {
  const { ada: agent } = await forum();

  expect((await agent.get('/api/v1/posts')).body).toEqual({ data: [], page: 1, limit: 20, total: 0, pages: 1 });
});

test.each([
  ['page=0', 'page', 'must be a whole number, at least 1'],
  ['page=abc', 'page', 'must be a whole number, at least 1'],
  ['limit=0', 'limit', 'must be a whole number from 1 to 100'],
  ['limit=101', 'limit', 'must be a whole number from 1 to 100'],
  ['limit=-5', 'limit', 'must be a whole number from 1 to 100'],
])('GET /api/v1/posts?%s answers 400 naming %s', async (query, path, message) => {
  const { ada: agent } = await forum();

  const res = await agent.get(`/api/v1/posts?${query}`);

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([{ path, message, location: 'query' }]);
});
// #endregion page-bounds-test

test.each(['abc', '0', '1.5'])('GET /api/v1/posts/%s answers 400 naming id, and a missing post 404', async (id) => {
  const { ada: agent } = await forum();

  expect((await agent.get(`/api/v1/posts/${id}`)).body.errors).toEqual([
    { path: 'id', message: 'must be a positive whole number', location: 'params' },
  ]);
  const missing = await agent.get('/api/v1/posts/42');
  expect(missing.status).toBe(404);
  expect(missing.body).toEqual(problemFor(404, 'Not Found', 'Post not found', '/api/v1/posts/42'));
});

test('PATCH and DELETE of a missing post answer 404, before any ownership check', async () => {
  const { grace: agent } = await forum();

  expect((await agent.patch('/api/v1/posts/42').send({ title: 'x' })).status).toBe(404);
  expect((await agent.delete('/api/v1/posts/42')).status).toBe(404);
});

test('PATCH with nothing to change answers 400', async () => {
  const { ada: agent } = await forum();
  const { body: post } = await agent.post('/api/v1/posts').send(newPost);

  const res = await agent.patch(`/api/v1/posts/${post.id}`).send({});

  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([{ path: '', message: 'must change the title, the body, or both', location: 'body' }]);
});

test('GET …/replies lists the replies oldest first, paged like the posts', async () => {
  const { ada: author, grace: other } = await forum();
  const { body: post } = await author.post('/api/v1/posts').send(newPost);
  for (const body of ['first', 'second', 'third']) await other.post(`/api/v1/posts/${post.id}/replies`).send({ body }).expect(201);

  const res = await author.get(`/api/v1/posts/${post.id}/replies?limit=2&page=2`);

  expect(res.body).toMatchObject({ page: 2, limit: 2, total: 3, pages: 2 });
  expect(res.body.data.map((reply: { body: string }) => reply.body)).toEqual(['third']);
});

test('replies to a missing post answer 404, and a blank reply 400', async () => {
  const { ada: agent } = await forum();
  const { body: post } = await agent.post('/api/v1/posts').send(newPost);

  expect((await agent.get('/api/v1/posts/42/replies')).status).toBe(404);
  expect((await agent.post('/api/v1/posts/42/replies').send({ body: 'x' })).status).toBe(404);
  expect((await agent.post(`/api/v1/posts/${post.id}/replies`).send({ body: '  ' })).body.errors).toEqual([
    { path: 'body', message: 'must not be blank', location: 'body' },
  ]);
});

test('posts answers are never cached: Cache-Control no-store, the 401 and 403 included', async () => {
  const { ada: agent, app } = await forum();
  const pending = await loggedInAgent(app, { username: 'newcomer', email: 'new@example.com', password: 'waits patiently at the door 5' });

  expect((await agent.get('/api/v1/posts')).headers['cache-control']).toBe('no-store');
  expect((await pending.get('/api/v1/posts')).headers['cache-control']).toBe('no-store');
  expect((await request(app).get('/api/v1/posts')).headers['cache-control']).toBe('no-store');
});
