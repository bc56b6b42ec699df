import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { expect, test } from 'vitest';
import { makeApi } from '#api-under-test';
import { callers, matrix, type Caller, type Endpoint } from './authorization-matrix.ts';
import { ada, adminAgent, grace, loggedInAgent } from './helpers.ts';

const author = { username: 'author', email: 'author@example.com', password: 'writes a lot of posts 9' };
const target = { username: 'target', email: 'target@example.com', password: 'another quiet passphrase 7' };

/** Has `admin` approve the account `agent` is logged in as. */
async function approve(admin: TestAgent, agent: TestAgent) {
  const { body: me } = await agent.get('/api/v1/auth/me').expect(200);
  await admin.post(`/api/v1/users/${me.id}/approve`).expect(200);
}

// #region walk-matrix
test.each(matrix.map((endpoint) => [`${endpoint.method} ${endpoint.path}`, endpoint] as const))(
  '%s answers each kind of caller as the matrix says',
  async (_name, endpoint: Endpoint) => {
    const { app } = makeApi();
    // One admin approves the others: fewer password hashes than approvedAgent() for each.
    const admin = await adminAgent(app);
    const agents = {
      anonymous: request.agent(app),
      'pending member': await loggedInAgent(app, ada),
      'approved member': await loggedInAgent(app, grace),
      'post author': await loggedInAgent(app, author),
      admin,
    } satisfies Record<Caller, unknown>;
    await approve(admin, agents['approved member']);
    await approve(admin, agents['post author']);
    // An account none of the callers is, for the routes that act on a user.
    const { body } = await request(app).post('/api/v1/auth/register').send(target).expect(201);
    // A post by the post author, and more of them on demand.
    const newPost = async () => (await agents['post author'].post('/api/v1/posts').send({ title: 'Mine', body: 'My post.' }).expect(201)).body.id as number;
    const postId = await newPost();

    const answered: Record<string, number> = {};
    for (const caller of callers) {
      const agent = agents[caller];
      const send = endpoint.send ?? ((a) => (endpoint.method === 'GET' ? a.get(endpoint.path) : a.post(endpoint.path)));
      answered[caller] = (await send(agent, { id: body.id, ...target, postId, newPost }, caller)).status;
    }

    // Every cell of the row at once, so a failure shows the whole row.
    expect(answered).toEqual(endpoint.expected);
  },
);
// #endregion walk-matrix
