import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The lesson folder: relative paths in settings are resolved from here, not from where you started the server. */
const lessonDir = fileURLToPath(new URL('..', import.meta.url));

// #region config
export type NodeEnv = 'development' | 'test' | 'production';

export interface Config {
  /** PORT: the TCP port to listen on. `0` asks the operating system for a free one. */
  port: number;
  /** NODE_ENV: Express shows error stacks to clients unless this is `production`. */
  nodeEnv: NodeEnv;
  /** LOG_REQUESTS: whether to print one line per finished request. */
  logRequests: boolean;
  /** DATABASE_PATH: the SQLite file (absolute), or `:memory:` for a database that lives only in memory. */
  databasePath: string;
}

const nodeEnvs: readonly NodeEnv[] = ['development', 'test', 'production'];

/**
 * Reads the settings this lesson needs from an environment object (normally
 * `process.env`). Every bad value is collected first, so one error names them all.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];

  const rawPort = env.PORT ?? '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65_535) {
    problems.push(`PORT must be a whole number from 0 to 65535, got "${rawPort}"`);
  }

  const nodeEnv = (env.NODE_ENV ?? 'development') as NodeEnv;
  if (!nodeEnvs.includes(nodeEnv)) {
    problems.push(`NODE_ENV must be one of development, test, production, got "${nodeEnv}"`);
  }

  const rawLogRequests = env.LOG_REQUESTS ?? 'true';
  if (rawLogRequests !== 'true' && rawLogRequests !== 'false') {
    problems.push(`LOG_REQUESTS must be "true" or "false", got "${rawLogRequests}"`);
  }

  // forum.db in the lesson folder by default; git ignores *.db files.
  const rawDatabasePath = env.DATABASE_PATH ?? 'forum.db';
  const databasePath = rawDatabasePath === ':memory:' ? rawDatabasePath : resolve(lessonDir, rawDatabasePath);
  if (rawDatabasePath.trim() === '') {
    problems.push('DATABASE_PATH must be a file path or :memory:, got ""');
  } else if (databasePath !== ':memory:' && !existsSync(dirname(databasePath))) {
    problems.push(`DATABASE_PATH must be in a folder that exists, got "${rawDatabasePath}" (no folder ${dirname(databasePath)})`);
  }

  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return { port, nodeEnv, logRequests: rawLogRequests === 'true', databasePath };
}
// #endregion config
