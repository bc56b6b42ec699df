// Check for lesson 11, exercise 1: the request entry of a request made by a
// logged-in user carries that user's id as `userId`; other entries carry none.
import request from 'supertest';
import { expect } from 'vitest';
import { ada, approvedAgent, makeApp } from '../../../../lessons/11-production/test/helpers.ts';
import { expectation } from '../../expectation.ts';

expectation(
  'the entry of GET /api/v1/auth/me names the user who asked: userId',
  'pino-http takes a customProps(req, res) option whose fields go into the request entry. It runs when the answer is finished, after the guards put the user on req.user.',
  async () => {
    const { app, requests } = makeApp();
    const agent = await approvedAgent(app);
    const { body: me } = await agent.get('/api/v1/auth/me').expect(200);

    const entry = requests.find((line) => line.msg === 'GET /api/v1/auth/me 200');
    expect(entry).toBeDefined();
    expect(entry).toMatchObject({ userId: me.id });
  },
);

expectation(
  'a post written by a member is logged with the member\'s id',
  'Read the id from req.user, which requireUser() sets for every route behind the guards, not from the body.',
  async () => {
    const { app, requests } = makeApp();
    const agent = await approvedAgent(app);
    const { body: me } = await agent.get('/api/v1/auth/me').expect(200);
    await agent.post('/api/v1/posts').send({ title: 'Logged', body: 'With my id.' }).expect(201);

    expect(requests.find((line) => line.msg === 'POST /api/v1/posts 201')).toMatchObject({ userId: me.id });
  },
);

expectation(
  'an anonymous request, and a failed login, carry no userId',
  'Return no field at all when req.user is not set: userId: undefined is fine, userId: null or 0 is not.',
  async () => {
    const { app, requests } = makeApp();
    await request(app).get('/api/v1/ping').expect(200);
    await request(app).post('/api/v1/auth/login').send({ email: ada.email, password: 'not the password at all 1' }).expect(401);
    await request(app).get('/api/v1/auth/me').expect(401);

    expect(requests).toHaveLength(3);
    for (const entry of requests) expect(entry, entry.msg).not.toHaveProperty('userId');
  },
);

expectation(
  'the entry holds the id, not the user: no email, no username, no hash',
  'Put only the id in the entry. An email or a username is personal data that a log kept for months does not need.',
  async () => {
    const { app, requests } = makeApp();
    const agent = await approvedAgent(app);
    await agent.get('/api/v1/auth/me').expect(200);

    const entry = JSON.stringify(requests.find((line) => line.msg === 'GET /api/v1/auth/me 200'));
    expect(entry).toContain('"userId"');
    expect(entry).not.toContain(ada.email);
    expect(entry).not.toContain('"ada"');
    expect(entry).not.toContain('scrypt$');
  },
);
