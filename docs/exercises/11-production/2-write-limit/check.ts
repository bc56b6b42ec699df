// Check for lesson 11, exercise 2: WRITE_RATE_LIMIT new posts and replies per
// account in the rate-limit window; past it, a 429 in problem details with
// the draft-8 headers, for that account only.
import request from 'supertest';
import { expect } from 'vitest';
import { approvedAgent, grace, makeApp } from '../../../../lessons/11-production/test/helpers.ts';
import { expectation } from '../../expectation.ts';

const post = { title: 'Hello', body: 'Once more.' };

expectation(
  'with WRITE_RATE_LIMIT=2, a member\'s third new post is a 429 in problem details',
  'Add WRITE_RATE_LIMIT to the production settings in config.ts and to config.rateLimits, and a limiter for it in createRateLimits() that the posts router runs behind the guards.',
  async () => {
    const { app } = makeApp({ env: { WRITE_RATE_LIMIT: '2' } });
    const agent = await approvedAgent(app);

    await agent.post('/api/v1/posts').send(post).expect(201);
    await agent.post('/api/v1/posts').send(post).expect(201);
    const refused = await agent.post('/api/v1/posts').send(post);

    expect(refused.status).toBe(429);
    expect(refused.type).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ status: 429, title: 'Too Many Requests', instance: '/api/v1/posts' });
    expect(refused.body.detail).toMatch(/\S/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  },
);

expectation(
  'replies count too, and the RateLimit headers name the policy "writes"',
  'Give the limiter the identifier \'writes\', as the lesson names its policies, and put it in front of the whole posts router: POST /posts and POST /posts/:id/replies both pass through it.',
  async () => {
    const { app } = makeApp({ env: { WRITE_RATE_LIMIT: '2' } });
    const agent = await approvedAgent(app);

    const { body: created } = await agent.post('/api/v1/posts').send(post).expect(201);
    const reply = await agent.post(`/api/v1/posts/${created.id}/replies`).send({ body: 'And a reply.' }).expect(201);
    expect(reply.headers['ratelimit-policy']).toMatch(/(^|, )"writes"; q=2; w=900/);
    expect(reply.headers.ratelimit).toMatch(/(^|, )"writes"; r=0; t=\d+/);

    await agent.post(`/api/v1/posts/${created.id}/replies`).send({ body: 'One too many.' }).expect(429);
  },
);

expectation(
  'the limit is per account: another member from the same address may still write',
  'Count per account, not per address: a keyGenerator that returns the user\'s id (req.user, which the guards set before the limiter runs).',
  async () => {
    const { app } = makeApp({ env: { WRITE_RATE_LIMIT: '1' } });
    const ada = await approvedAgent(app);
    const other = await approvedAgent(app, grace);

    await ada.post('/api/v1/posts').send(post).expect(201);
    await ada.post('/api/v1/posts').send(post).expect(429);
    await other.post('/api/v1/posts').send(post).expect(201);
  },
);

expectation(
  'reading, editing and deleting do not count, and an anonymous write is still a 401',
  'Skip every method but POST in the limiter, and run it after the guards: before them, req.user does not exist yet.',
  async () => {
    const { app } = makeApp({ env: { WRITE_RATE_LIMIT: '1' } });
    await request(app).post('/api/v1/posts').send(post).expect(401);
    const agent = await approvedAgent(app);

    const { body: created } = await agent.post('/api/v1/posts').send(post).expect(201);
    for (let i = 0; i < 3; i++) await agent.get('/api/v1/posts').expect(200);
    await agent.patch(`/api/v1/posts/${created.id}`).send({ title: 'Edited' }).expect(200);
    await agent.delete(`/api/v1/posts/${created.id}`).expect(204);
    await agent.post('/api/v1/posts').send(post).expect(429);
  },
);

expectation(
  'WRITE_RATE_LIMIT=0 is refused at start, naming the setting',
  'Use the same wholeNumber(…, 1) as the other limits: a limit of nothing locks every member out.',
  async () => {
    expect(() => makeApp({ env: { WRITE_RATE_LIMIT: '0' } })).toThrow('WRITE_RATE_LIMIT must be a whole number, at least 1, got "0"');
  },
);
