import request from 'supertest';
import { expect, test, vi } from 'vitest';
import { createApp } from '../../../lessons/02-middleware/src/app.ts';
import { loadConfig } from '../../../lessons/02-middleware/src/config.ts';
import { cachedNotice } from './cached-notice.ts';

const notice = { message: 'Welcome.', updatedAt: '2025-01-01T00:00:00.000Z' };

function appWith(readNotice: () => Promise<typeof notice>) {
  return createApp({ config: loadConfig({ NODE_ENV: 'test', LOG_REQUESTS: 'false' }), readNotice });
}

test('reads the notice once for many requests within the time to live', async () => {
  const readNotice = vi.fn(async () => notice);
  const app = appWith(cachedNotice(readNotice, 60_000));

  for (let i = 0; i < 3; i += 1) {
    expect((await request(app).get('/api/v1/notice')).body).toEqual(notice);
  }
  expect(readNotice).toHaveBeenCalledTimes(1);
});

test('reads it again once the time to live has passed', async () => {
  let clock = 0;
  const readNotice = vi.fn(async () => notice);
  const app = appWith(cachedNotice(readNotice, 60_000, () => clock));

  await request(app).get('/api/v1/notice');
  clock = 60_000;
  await request(app).get('/api/v1/notice');

  expect(readNotice).toHaveBeenCalledTimes(2);
});

test('a failed read is not cached: the next request tries again', async () => {
  const readNotice = vi.fn<() => Promise<typeof notice>>().mockRejectedValueOnce(new Error('missing')).mockResolvedValue(notice);
  const app = appWith(cachedNotice(readNotice, 60_000));

  expect((await request(app).get('/api/v1/notice')).status).toBe(500);
  expect((await request(app).get('/api/v1/notice')).status).toBe(200);
});
