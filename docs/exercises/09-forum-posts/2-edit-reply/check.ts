// Check for lesson 09, exercise 2: a reply's author may edit it for 15 minutes.
import request from 'supertest';
import { expect } from 'vitest';
import { ada, adminAgent, approvedAgent, grace, loggedInAgent, makeApp } from '../../../../lessons/09-forum-posts/test/helpers.ts';
import { expectation } from '../../expectation.ts';

const minute = 60 * 1000;

/** Ada's post and Grace's reply "Frist!", on an app whose clock moves only when the check moves it. */
async function aReply() {
  let time = Date.parse('2026-01-01T00:00:00.000Z');
  const clock = { now: () => time, advance: (ms: number) => (time += ms) };
  const { app } = makeApp({ now: clock.now });
  const admin = await adminAgent(app);
  const author = await approvedAgent(app, ada);
  const replier = await approvedAgent(app, grace);
  const postId = (await author.post('/api/v1/posts').send({ title: 'Hello', body: 'A post.' }).expect(201)).body.id as number;
  const replyId = (await replier.post(`/api/v1/posts/${postId}/replies`).send({ body: 'Frist!' }).expect(201)).body.id as number;
  const bodies = async () => (await author.get(`/api/v1/posts/${postId}/replies`)).body.data.map((reply: { body: string }) => reply.body);
  return { app, clock, admin, author, replier, postId, replyId, bodies, path: `/api/v1/posts/${postId}/replies/${replyId}` };
}

expectation(
  'the author edits a reply 14 minutes after posting it: 200, the new body, everywhere',
  'Add router.patch(\'/:id/replies/:replyId\', …) to the posts router, with a params schema for both ids and the reply body schema.',
  async () => {
    const { clock, replier, postId, replyId, path, bodies } = await aReply();
    clock.advance(14 * minute);
    const res = await replier.patch(path).send({ body: 'First!' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: replyId, postId, body: 'First!', author: { username: grace.username } });
    expect(await bodies()).toEqual(['First!']);
  },
);

expectation(
  '16 minutes after posting, the author gets 403, and the reply stays as it was',
  'Compare now() (the clock createApp() was given, which stamped createdAt) with the reply\'s createdAt plus 15 minutes.',
  async () => {
    const { clock, replier, path, bodies } = await aReply();
    clock.advance(16 * minute);

    expect((await replier.patch(path).send({ body: 'First!' })).status).toBe(403);
    expect(await bodies()).toEqual(['Frist!']);
  },
);

expectation(
  'nobody else may edit a reply, not the post\'s author, not an admin: 403',
  'Compare the reply\'s author id with req.user.id; unlike posts, an admin gets no exception.',
  async () => {
    const { author, admin, path, bodies } = await aReply();

    expect((await author.patch(path).send({ body: 'Edited by Ada' })).status).toBe(403);
    expect((await admin.patch(path).send({ body: 'Edited by the admin' })).status).toBe(403);
    expect(await bodies()).toEqual(['Frist!']);
  },
);

expectation(
  'a reply under another post\'s id is 404 Reply not found, and a blank body is 400',
  'Look the reply up by its id AND the post id of the path; validate the body with the reply schema.',
  async () => {
    const { author, replier, replyId, path } = await aReply();
    const otherPost = (await author.post('/api/v1/posts').send({ title: 'Another', body: 'A post.' }).expect(201)).body.id as number;
    const elsewhere = await replier.patch(`/api/v1/posts/${otherPost}/replies/${replyId}`).send({ body: 'First!' });

    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.detail).toBe('Reply not found');
    expect((await replier.patch(path).send({ body: '   ' })).status).toBe(400);
  },
);

expectation(
  'editing is for approved members too: 401 without a login, 403 while pending',
  'Keep the route in the posts router, behind the approved guards.',
  async () => {
    const { app } = makeApp();
    const pending = await loggedInAgent(app, grace);

    expect((await request(app).patch('/api/v1/posts/1/replies/1').send({ body: 'x' })).status).toBe(401);
    expect((await pending.patch('/api/v1/posts/1/replies/1').send({ body: 'x' })).status).toBe(403);
  },
);
