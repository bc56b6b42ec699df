// The checks of lesson 09, exercise 2 (edit a reply within 15 minutes), run
// against the solution and against lesson 09 as it is. The forum runs on a
// clock that moves only when a check moves it: no check waits.
import request from 'supertest';
import { expect, test } from 'vitest';
import { forumWithReplyEdits } from './edit-reply.ts';
import { ada, grace, lesson, logIn, logInAdmin, logInApproved, startForum, testClock, writePost, writeReply, type Check, type Forum } from './helpers.ts';

const minute = 60 * 1000;

/** A forum with a post by Ada and a reply to it by Grace; the clock stands at the reply's time. */
async function aReply(forum: Forum) {
  const clock = testClock();
  const { app } = startForum(forum, { now: clock.now });
  const admin = await logInAdmin(app);
  const { agent: author } = await logInApproved(app, ada, admin);
  const { agent: replier } = await logInApproved(app, grace, admin);
  const postId = await writePost(author);
  const replyId = await writeReply(replier, postId, 'Frist!');
  return { app, clock, admin, author, replier, postId, replyId, path: `/api/v1/posts/${postId}/replies/${replyId}` };
}

const bodies = async (agent: Awaited<ReturnType<typeof aReply>>['author'], postId: number) =>
  (await agent.get(`/api/v1/posts/${postId}/replies`)).body.data.map((reply: { body: string }) => reply.body);

// #region checks
const checks: Check[] = [
  {
    name: 'the author edits a reply 14 minutes after posting it: 200, the new body, everywhere',
    isNew: true,
    run: async (forum) => {
      const { clock, replier, author, postId, replyId, path } = await aReply(forum);
      clock.advance(14 * minute);

      const res = await replier.patch(path).send({ body: 'First!' });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: replyId, postId, body: 'First!', author: { username: grace.username } });
      expect(await bodies(author, postId)).toEqual(['First!']);
    },
  },
  {
    name: '16 minutes after posting, the author gets 403, and the reply stays as it was',
    isNew: true,
    run: async (forum) => {
      const { clock, replier, postId, path } = await aReply(forum);
      clock.advance(16 * minute);

      const res = await replier.patch(path).send({ body: 'First!' });

      expect(res.status).toBe(403);
      expect(await bodies(replier, postId)).toEqual(['Frist!']);
    },
  },
  {
    name: "nobody else may edit a reply, not the post's author, not an admin: 403",
    isNew: true,
    run: async (forum) => {
      const { author, admin, postId, path } = await aReply(forum);

      expect((await author.patch(path).send({ body: 'Edited by Ada' })).status).toBe(403);
      expect((await admin.patch(path).send({ body: 'Edited by the admin' })).status).toBe(403);
      expect(await bodies(author, postId)).toEqual(['Frist!']);
    },
  },
  {
    name: "a reply under another post's id is 404 Reply not found, and a blank body is 400",
    isNew: true,
    run: async (forum) => {
      const { author, replier, replyId, path } = await aReply(forum);
      const otherPost = await writePost(author);

      const elsewhere = await replier.patch(`/api/v1/posts/${otherPost}/replies/${replyId}`).send({ body: 'First!' });
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body.detail).toBe('Reply not found');
      const blank = await replier.patch(path).send({ body: '   ' });
      expect(blank.status).toBe(400);
      expect(blank.body.errors).toEqual([{ path: 'body', message: 'must not be blank', location: 'body' }]);
    },
  },
  {
    name: 'editing is for approved members too: 401 without a login, 403 while pending',
    isNew: false,
    run: async (forum) => {
      const { app } = startForum(forum);
      const { agent: pending } = await logIn(app, grace);

      expect((await request(app).patch('/api/v1/posts/1/replies/1').send({ body: 'x' })).status).toBe(401);
      expect((await pending.patch('/api/v1/posts/1/replies/1').send({ body: 'x' })).status).toBe(403);
    },
  },
];
// #endregion checks

test.for(checks.map((check) => [check.name, check] as const))('solution: %s', async ([, check]) => {
  await check.run(forumWithReplyEdits);
});

test.for(checks.map((check) => [check.name, check] as const))('lesson 09 as it is: %s', async ([, check]) => {
  if (check.isNew) await expect(check.run(lesson), 'a check of the new behaviour must fail before the exercise').rejects.toThrow();
  else await check.run(lesson);
});
