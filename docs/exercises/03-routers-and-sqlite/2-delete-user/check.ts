// Check for lesson 03, exercise 2: DELETE /api/v1/users/:id.
import request from 'supertest';
import { expect } from 'vitest';
import { makeApp } from '../../../../lessons/03-routers-and-sqlite/test/helpers.ts';
import { expectation } from '../../expectation.ts';

async function appWithAda() {
  const { app } = makeApp();
  await request(app).post('/api/v1/users').send({ username: 'ada', email: 'ada@example.com' });
  return app;
}

expectation(
  'deleting a user answers 204 with no body, and the user is gone',
  'Add router.delete(\'/:id\', …) that runs DELETE FROM users WHERE id = ? and answers res.status(204).end().',
  async () => {
    const app = await appWithAda();
    const res = await request(app).delete('/api/v1/users/1');

    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await request(app).get('/api/v1/users/1')).status).toBe(404);
  },
);

expectation(
  'deleting a user that does not exist answers 404',
  'A DELETE statement\'s run() returns { changes }: 0 means no row matched.',
  async () => {
    const res = await request(await appWithAda()).delete('/api/v1/users/9');

    expect(res.status).toBe(404);
  },
);

expectation(
  'an id that is not a positive whole number answers 400',
  'Check the id like GET /:id does (parseId()) before you touch the database.',
  async () => {
    const app = await appWithAda();
    for (const id of ['abc', '0', '1.5', '-1']) {
      expect((await request(app).delete(`/api/v1/users/${id}`)).status, id).toBe(400);
    }
  },
);
