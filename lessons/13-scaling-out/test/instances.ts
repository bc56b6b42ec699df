import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const lessonDir = fileURLToPath(new URL('..', import.meta.url));

/** A running src/server.ts process. */
export interface Instance {
  /** Where it listens, e.g. http://127.0.0.1:41234. */
  url: string;
  child: ChildProcess;
  /** Its exit code, once it has exited. */
  exited: Promise<number | null>;
}

/**
 * Starts src/server.ts as `pnpm start` would, on a free port (PORT=0), with
 * `env` on top of this process's environment, and waits for its "listening
 * on" line. Used by the two-instance test and by pnpm bench:scale.
 */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: lessonDir,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const found = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (found) resolve(`http://127.0.0.1:${found[1]}`);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', () => reject(new Error(`the server exited before listening:\n${output}`)));
  });
  return { url, child, exited };
}
