// Two server processes, one forum: both on the same PostgreSQL schema and
// the same Redis prefix, as two instances behind a load balancer would be.
// A client may land on either for any request; nothing ties it to one.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { admin, ada } from './helpers.ts';
import { startInstance, type Instance } from './instances.ts';
import { describeWithServices, freshPrefix, freshSchema, redisUrl } from './services.ts';

/** A client that keeps one cookie, whichever instance it talks to, as a browser behind a load balancer does. */
function browser() {
  let cookie = '';
  return async (instance: Instance, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${instance.url}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(cookie === '' ? {} : { Cookie: cookie }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie !== null) cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
  };
}

describeWithServices('two instances of the forum', () => {
  let a: Instance;
  let b: Instance;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    const schema = await freshSchema();
    const keys = freshPrefix();
    cleanups.push(schema.drop, keys.clear);
    const env = {
      DATABASE_URL: schema.url,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: keys.prefix,
      ADMIN_EMAIL: admin.email,
      // Both must sign cookies with the same secret, or neither accepts the other's.
      SESSION_SECRET: 'the-same-secret-for-both-instances-0123456789',
      LOGIN_ACCOUNT_RATE_LIMIT: '3',
      LOG_REQUESTS: 'false',
    };
    // Started together, on a database with no tables yet: both migrate at once (the advisory lock).
    [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  }, 120_000);

  afterAll(async () => {
    for (const instance of [a, b]) instance?.child.kill('SIGKILL');
    for (const cleanup of cleanups) await cleanup();
  });

  // #region two-instances-test
  test('register and log in through one, be approved and post through the other with the same cookie', async () => {
    const member = browser();
    const moderator = browser();
    await moderator(a, 'POST', '/auth/register', admin);
    expect((await member(a, 'POST', '/auth/register', ada)).status).toBe(201);
    expect((await member(a, 'POST', '/auth/login', { email: ada.email, password: ada.password })).status).toBe(200);

    // The session Instance A created is in Redis: Instance B knows who this is.
    const me = await member(b, 'GET', '/auth/me');
    expect(me).toMatchObject({ status: 200, body: { username: 'ada', status: 'pending' } });
    expect((await member(b, 'GET', '/posts')).status).toBe(403);

    expect((await moderator(b, 'POST', '/auth/login', { email: admin.email, password: admin.password })).status).toBe(200);
    expect((await moderator(a, 'POST', `/users/${me.body.id}/approve`)).status).toBe(200);

    const post = await member(b, 'POST', '/posts', { title: 'Hello from B', body: 'Written through the second instance.' });
    expect(post.status).toBe(201);
    const list = await member(a, 'GET', '/posts');
    expect(list.body.data.map((p: { title: string }) => p.title)).toEqual(['Hello from B']);
  });
  // #endregion two-instances-test

  test('failed logins for one account are counted across both instances', async () => {
    const attacker = browser();
    const wrong = { email: 'grace@example.com', password: 'not the password at all' };

    // LOGIN_ACCOUNT_RATE_LIMIT=3: three failures, spread over both instances, use up the limit.
    expect((await attacker(a, 'POST', '/auth/login', wrong)).status).toBe(401);
    expect((await attacker(b, 'POST', '/auth/login', wrong)).status).toBe(401);
    expect((await attacker(a, 'POST', '/auth/login', wrong)).status).toBe(401);
    // Each instance alone has seen at most two: only a shared count refuses the fourth.
    const refused = await attacker(b, 'POST', '/auth/login', wrong);
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/^Too many failed logins for this account/);
  });

  test('logging out through one instance ends the session on both', async () => {
    const member = browser();
    expect((await member(b, 'POST', '/auth/login', { email: ada.email, password: ada.password })).status).toBe(200);
    expect((await member(a, 'GET', '/auth/me')).status).toBe(200);

    expect((await member(a, 'POST', '/auth/logout')).status).toBe(204);

    expect((await member(b, 'GET', '/auth/me')).status).toBe(401);
  });

  test('both shut down cleanly on SIGTERM, closing their pools and Redis connections', async () => {
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
  });
});
