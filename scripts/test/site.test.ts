// `pnpm site` starts the docs site (VitePress) for real and serves a lesson
// page. The long timeout only guards against a hang: the first start builds
// the search index over every page, which takes a while on a busy machine.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, test } from 'vitest';
import { listLessons, repoRoot } from '../lib/lessons.ts';

const hangGuard = 240_000;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

test('`pnpm site` serves a lesson page with its title', async () => {
  const lesson = listLessons()[0]!;
  // detached: pnpm starts pnpm, which starts VitePress; stop the whole group.
  const site = spawn('pnpm', ['site', '--port', String(await freePort())], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  site.stdout!.on('data', (chunk) => (output += chunk));
  site.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => site.on('close', () => resolve()));
  try {
    let url: string | undefined;
    while (!url) {
      if (site.exitCode !== null) throw new Error(`pnpm site exited (${site.exitCode}):\n${output}`);
      url = output.replace(/\x1b\[[0-9;]*m/g, '').match(/Local:\s+(http:\/\/localhost:\d+)\//)?.[1];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // The page itself: in dev mode an HTML shell that loads the page module.
    const page = await fetch(`${url}/lessons/${lesson.slug}`);
    expect(page.status).toBe(200);
    // The page module VitePress compiled from the Markdown, title included.
    const module = await fetch(`${url}/lessons/${lesson.slug}.md?import`);
    expect(module.status).toBe(200);
    expect(await module.text()).toContain(`Lesson 01: ${lesson.title}`);
  } finally {
    process.kill(-site.pid!, 'SIGTERM');
    await exited;
  }
}, hangGuard);
