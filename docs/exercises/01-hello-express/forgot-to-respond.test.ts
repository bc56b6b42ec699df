import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp } from './forgot-to-respond.ts';

// #region test
test('a handler that never responds leaves the request hanging', async () => {
  // Give up after 300 ms instead of the client's default of minutes.
  const pending = request(createApp()).get('/api/v1/ping').timeout(300);

  await expect(pending).rejects.toThrow(/Timeout of 300ms exceeded/);
});
// #endregion test
