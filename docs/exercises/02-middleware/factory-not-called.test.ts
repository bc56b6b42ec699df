import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp } from './factory-not-called.ts';

test('mounting the factory itself makes every request hang', async () => {
  const pending = request(createApp([])).get('/health').timeout(300);

  await expect(pending).rejects.toThrow(/Timeout of 300ms exceeded/);
});
