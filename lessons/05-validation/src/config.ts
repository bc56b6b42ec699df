import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The lesson folder: relative paths in settings are resolved from here, not from where you started the server. */
const lessonDir = fileURLToPath(new URL('..', import.meta.url));

// #region env-schema
// One schema for the whole environment. Every variable is a string (or
// missing); the schema checks it, fills in its default and turns it into the
// value the app uses. Each message is completed with the variable's name and
// the value it got, e.g. `PORT must be a whole number from 0 to 65535, got "x"`.
const envSchema = z
  .object({
    PORT: z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
      .transform(Number)
      .refine((port) => port <= 65_535, 'must be a whole number from 0 to 65535')
      .default(3000),
    NODE_ENV: z.enum(['development', 'test', 'production'], 'must be one of development, test, production').default('development'),
    LOG_REQUESTS: z
      .enum(['true', 'false'], 'must be "true" or "false"')
      .default('true')
      .transform((value) => value === 'true'),
    // forum.db in the lesson folder by default; git ignores *.db files.
    DATABASE_PATH: z
      .string()
      .refine((path) => path.trim() !== '', 'must be a file path or :memory:')
      .transform((path) => (path === ':memory:' ? path : resolve(lessonDir, path)))
      .refine((path) => path === ':memory:' || existsSync(dirname(path)), {
        error: (issue) => `must be in a folder that exists (no folder ${dirname(String(issue.input))})`,
      })
      .prefault('forum.db'),
  })
  // The rest of the app reads camelCase names, not environment variables.
  .transform((env) => ({
    /** PORT: the TCP port to listen on. `0` asks the operating system for a free one. */
    port: env.PORT,
    /** NODE_ENV: Express shows error stacks to clients unless this is `production`. */
    nodeEnv: env.NODE_ENV,
    /** LOG_REQUESTS: whether to print one line per finished request. */
    logRequests: env.LOG_REQUESTS,
    /** DATABASE_PATH: the SQLite file (absolute), or `:memory:` for a database that lives only in memory. */
    databasePath: env.DATABASE_PATH,
  }));

/** The settings, as the schema's output: `{ port: number, nodeEnv: 'development' | …, … }`. */
export type Config = z.output<typeof envSchema>;
export type NodeEnv = Config['nodeEnv'];
// #endregion env-schema

// #region load-config
/**
 * Reads the settings this lesson needs from an environment object (normally
 * `process.env`). The schema reports every bad value at once, so one error
 * names them all.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `${name} ${issue.message}, got ${JSON.stringify(env[name])}`;
  });
  throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
}
// #endregion load-config
