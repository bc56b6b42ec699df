import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterEach, expect, test } from 'vitest';
import { createApp } from './unreturned-promise.ts';

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

// #region test
test('one request with an unhandled rejection stops the whole server', async () => {
  const script = fileURLToPath(new URL('./unreturned-promise-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  while (!/listening on (\S+)/.test(output)) await new Promise((resolve) => setTimeout(resolve, 25));
  const url = /listening on (\S+)/.exec(output)![1]!;

  // The client gets no answer: the connection closes when the process dies.
  await expect(fetch(`${url}/api/v1/notice`)).rejects.toThrow();

  expect(await exited).toBe(1);
  expect(output).toContain('ENOENT: notice.json is missing');
});
// #endregion test

test('the async version reaches Express error handling and gets an answer', async () => {
  const res = await request(createApp()).get('/api/v1/notice-fixed').timeout(1000);

  expect(res.status).toBe(500);
});
