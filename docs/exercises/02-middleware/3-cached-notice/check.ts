// Check for lesson 02, exercise 3: cachedNotice(read, ttlMs) from src/cached-notice.ts
// keeps a notice for ttlMs and never keeps a failed read.
import { expect, vi } from 'vitest';
import type { Notice } from '../../../../lessons/02-middleware/src/notice.ts';
import { expectation, importExport } from '../../expectation.ts';

type CachedNotice = (read: () => Promise<Notice>, ttlMs: number) => () => Promise<Notice>;

const file = '../../../../lessons/02-middleware/src/cached-notice.ts';
const notice: Notice = { message: 'Welcome.', updatedAt: '2025-01-01T00:00:00.000Z' };

async function loadCachedNotice(): Promise<CachedNotice> {
  return importExport<CachedNotice>(() => import(/* @vite-ignore */ new URL(file, import.meta.url).href), 'src/cached-notice.ts', 'cachedNotice');
}

/** A reader that counts its calls; `fail` makes the next read reject. */
function countingReader() {
  const reader = { calls: 0, fail: false, read: async () => {
    reader.calls++;
    if (reader.fail) {
      reader.fail = false;
      throw new Error('notice.json is being written');
    }
    return notice;
  } };
  return reader;
}

expectation(
  'src/cached-notice.ts exports cachedNotice(readNotice, ttlMs), which returns a reader',
  'Create src/cached-notice.ts with export function cachedNotice(readNotice, ttlMs) returning () => Promise<Notice>.',
  async () => {
    const cachedNotice = await loadCachedNotice();
    const reader = countingReader();

    await expect(cachedNotice(reader.read, 60_000)()).resolves.toEqual(notice);
  },
);

expectation(
  'two reads within the minute read the file once',
  'Keep the promise (or the notice) and the time it was read, in a variable the returned function closes over.',
  async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const cachedNotice = await loadCachedNotice();
      const reader = countingReader();
      const read = cachedNotice(reader.read, 60_000);
      await read();
      vi.setSystemTime(Date.now() + 59_000);
      await read();

      expect(reader.calls).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  },
);

expectation(
  'after the minute, the file is read again',
  'Compare the time now with the time of the kept read plus ttlMs (read the clock with Date.now()).',
  async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const cachedNotice = await loadCachedNotice();
      const reader = countingReader();
      const read = cachedNotice(reader.read, 60_000);
      await read();
      vi.setSystemTime(Date.now() + 60_000);
      await read();

      expect(reader.calls).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  },
);

expectation(
  'a failed read is not kept: the next call tries again',
  'When the promise rejects, forget it (promise.catch(() => { … })), so the next call reads the file.',
  async () => {
    const cachedNotice = await loadCachedNotice();
    const reader = countingReader();
    reader.fail = true;
    const read = cachedNotice(reader.read, 60_000);

    await expect(read()).rejects.toThrow('notice.json is being written');
    await expect(read()).resolves.toEqual(notice);
    expect(reader.calls).toBe(2);
  },
);
