// Check for lesson 04, exercise 3: unavailableWhenFailing(readNotice, seconds),
// exported from src/notice.ts, turns a failed read into a 503 with Retry-After.
import request from 'supertest';
import { expect } from 'vitest';
import type { Notice } from '../../../../lessons/04-error-handling/src/notice.ts';
import { makeApp, notice } from '../../../../lessons/04-error-handling/test/helpers.ts';
import { expectation, importExport } from '../../expectation.ts';

type Wrap = (read: () => Promise<Notice>, retryAfterSeconds: number) => () => Promise<Notice>;
const file = '../../../../lessons/04-error-handling/src/notice.ts';

async function loadWrap(): Promise<Wrap> {
  return importExport<Wrap>(() => import(/* @vite-ignore */ new URL(file, import.meta.url).href), 'src/notice.ts', 'unavailableWhenFailing');
}

const missing = async (): Promise<Notice> => {
  throw new Error('ENOENT: no such file or directory, open notice.json');
};

expectation(
  'a notice that cannot be read answers 503 with Retry-After: 30',
  'Export unavailableWhenFailing(readNotice, retryAfterSeconds) from src/notice.ts: it returns a reader that turns a failure into createError(503, …, { headers: { \'Retry-After\': … } }).',
  async () => {
    const wrap = await loadWrap();
    const { app } = makeApp({ readNotice: wrap(missing, 30) });
    const res = await request(app).get('/api/v1/notice');

    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('30');
    expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable' });
  },
);

expectation(
  'the error log still shows the original error',
  'Pass the caught error on as the 503\'s cause (createError\'s third argument takes { cause }).',
  async () => {
    const wrap = await loadWrap();
    const { app, errors } = makeApp({ readNotice: wrap(missing, 30) });
    await request(app).get('/api/v1/notice');

    expect(errors).toHaveLength(1);
    const logged = errors[0]!.error as Error & { cause?: Error };
    expect(`${logged.message} ${logged.cause?.message ?? ''}`).toContain('ENOENT');
  },
);

expectation(
  'a notice that can be read is answered as before',
  'Return what readNotice() resolves to when it succeeds; catch only the failure.',
  async () => {
    const wrap = await loadWrap();
    const { app } = makeApp({ readNotice: wrap(async () => notice, 30) });
    const res = await request(app).get('/api/v1/notice');

    expect(res.status).toBe(200);
    expect(res.body).toEqual(notice);
  },
);
