// forumWith() rebuilds lesson 09's createApp() so that an exercise can add
// to the posts routes or change the database. This walks the lesson's own
// authorization matrix against it, unchanged, so the copy cannot drift from
// the lesson: every endpoint it serves must answer every kind of caller, the
// post author included, as the lesson does.
import request from 'supertest';
import { expect, test } from 'vitest';
import { callers, matrix, type Caller } from '../../../lessons/09-forum-posts/test/authorization-matrix.ts';
import { ada, forumWith, grace, logIn, logInAdmin, logInApproved, startForum, writePost } from './helpers.ts';

const author = { username: 'author', email: 'author@example.com', password: 'writes a lot of posts 9' };
const target = { username: 'target', email: 'target@example.com', password: 'another quiet passphrase 7' };
// forumWith() leaves out /health, /ping and the notice.
const served = matrix.filter((endpoint) => /^\/api\/v1\/(auth|users|session|posts)\b/.test(endpoint.path));

test('forumWith() serves every account and posts route of the matrix', () => {
  expect(served.length).toBe(matrix.length - 3);
});

test.for(served.map((endpoint) => [`${endpoint.method} ${endpoint.path}`, endpoint] as const))(
  'forumWith() answers %s as the lesson does',
  async ([, endpoint]) => {
    const { app } = startForum(forumWith());
    const adminAgent = await logInAdmin(app);
    const agents = {
      anonymous: request.agent(app),
      'pending member': (await logIn(app, ada)).agent,
      'approved member': (await logInApproved(app, grace, adminAgent)).agent,
      'post author': (await logInApproved(app, author, adminAgent)).agent,
      admin: adminAgent,
    } satisfies Record<Caller, unknown>;
    const { body } = await request(app).post('/api/v1/auth/register').send(target).expect(201);
    const newPost = () => writePost(agents['post author']);
    const postId = await newPost();

    const answered: Record<string, number> = {};
    for (const caller of callers) {
      const send = endpoint.send ?? ((a) => (endpoint.method === 'GET' ? a.get(endpoint.path) : a.post(endpoint.path)));
      answered[caller] = (await send(agents[caller], { id: body.id, ...target, postId, newPost }, caller)).status;
    }

    expect(answered).toEqual(endpoint.expected);
  },
);
