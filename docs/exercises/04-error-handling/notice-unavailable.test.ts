import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import request from 'supertest';
import { expect, onTestFinished, test } from 'vitest';
import { createApp } from '../../../lessons/04-error-handling/src/app.ts';
import { loadConfig } from '../../../lessons/04-error-handling/src/config.ts';
import { openDatabase } from '../../../lessons/04-error-handling/src/db.ts';
import { unavailableWhenFailing } from './notice-unavailable.ts';

test('a notice that cannot be read answers 503 with Retry-After, and the cause is logged', async () => {
  const db = openDatabase(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const errors: ErrorLogEntry[] = [];
  const missing = new Error('ENOENT: no such file or directory');
  const app = createApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_REQUESTS: 'false' }),
    db,
    log: { error: (entry) => errors.push(entry) },
    readNotice: unavailableWhenFailing(async () => {
      throw missing;
    }, 30),
  });

  const res = await request(app).get('/api/v1/notice');

  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBe('30');
  expect(res.body).toMatchObject({ title: 'Service Unavailable', detail: 'The service is unavailable right now. Try again later.' });
  expect((errors[0]!.error as Error).cause).toBe(missing);
});
