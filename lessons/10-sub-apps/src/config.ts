import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The lesson folder: relative paths in settings are resolved from here, not from where you started the server. */
const lessonDir = fileURLToPath(new URL('..', import.meta.url));

// #region env-schema
// #region session-secret
/**
 * Signs session cookies when SESSION_SECRET is not set, outside production
 * only. It is in the repository, so anyone can forge a cookie signed with it.
 */
export const DEVELOPMENT_SESSION_SECRET = 'development-only-secret-set-SESSION_SECRET-in-production';

/** At least 32 characters: long enough that no one guesses it. Missing is an error only in production. */
const sessionSecret = z
  .string({ error: 'is required in production: set it to a random string of at least 32 characters' })
  .min(32, 'must be at least 32 characters long');

/** In production: no default, and never the development secret, which anyone can read here. */
const productionSessionSecret = sessionSecret.refine(
  (secret) => secret !== DEVELOPMENT_SESSION_SECRET,
  'must not be the development secret in production: anyone who has read this repository can sign cookies with it',
);
// #endregion session-secret

// One schema for the whole environment. Every variable is a string (or
// missing); the schema checks it, fills in its default and turns it into the
// value the app uses. Each message is completed with the variable's name and
// the value it got, e.g. `PORT must be a whole number from 0 to 65535, got "x"`.
// The schema is built for a NODE_ENV, because one rule depends on it: only
// outside production may SESSION_SECRET fall back to a default.
function envSchema(nodeEnv: string | undefined) {
  return z
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
      // #region session-settings
      SESSION_SECRET: nodeEnv === 'production' ? productionSessionSecret : sessionSecret.default(DEVELOPMENT_SESSION_SECRET),
      // One week unless set: how long a session lives after its last change.
      SESSION_MAX_AGE_MS: z
        .string()
        .regex(/^\d{1,12}$/, 'must be a whole number of milliseconds, at least 1000')
        .transform(Number)
        .refine((ms) => ms >= 1000, 'must be a whole number of milliseconds, at least 1000')
        .default(7 * 24 * 60 * 60 * 1000),
      // Ten thousand unless set: how many sessions may exist before the visit
      // counter stops creating new ones (see routes/session.ts).
      MAX_VISITOR_SESSIONS: z
        .string()
        .regex(/^\d{1,9}$/, 'must be a whole number, at least 0')
        .transform(Number)
        .default(10_000),
      // #endregion session-settings
      // #region admin-setting
      // The email of the first administrator, or nothing. The account with
      // this email (in any letter case) is an approved admin: at registration,
      // and at every start if it already exists.
      ADMIN_EMAIL: z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email('must be an email address'))
        .optional(),
      // #endregion admin-setting
      // #region absolute-setting
      // Thirty days unless set: how long a login lasts, however active the
      // session is. SESSION_MAX_AGE_MS ends an idle session; this ends any.
      SESSION_ABSOLUTE_MS: z
        .string()
        .regex(/^\d{1,12}$/, 'must be a whole number of milliseconds, at least 1000')
        .transform(Number)
        .refine((ms) => ms >= 1000, 'must be a whole number of milliseconds, at least 1000')
        .default(30 * 24 * 60 * 60 * 1000),
      // #endregion absolute-setting
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
      /** SESSION_SECRET: signs the session cookie, so a client cannot make up a session id. */
      sessionSecret: env.SESSION_SECRET,
      /** SESSION_MAX_AGE_MS: the session cookie's lifetime, in milliseconds. */
      sessionMaxAgeMs: env.SESSION_MAX_AGE_MS,
      /** MAX_VISITOR_SESSIONS: above this many stored sessions, a new visitor is counted but not remembered. */
      maxVisitorSessions: env.MAX_VISITOR_SESSIONS,
      /** SESSION_ABSOLUTE_MS: a login ends this long after it began, in milliseconds. */
      sessionAbsoluteMs: env.SESSION_ABSOLUTE_MS,
      /** ADMIN_EMAIL: the first administrator's email, lowercased; `undefined` when not set. */
      adminEmail: env.ADMIN_EMAIL,
    }));
}

/** The settings, as the schema's output: `{ port: number, nodeEnv: 'development' | …, … }`. */
export type Config = z.output<ReturnType<typeof envSchema>>;
export type NodeEnv = Config['nodeEnv'];

/** Settings whose value must never be printed, not even in an error. */
const secretSettings = new Set(['SESSION_SECRET']);
// #endregion env-schema

// #region load-config
/**
 * Reads the settings this lesson needs from an environment object (normally
 * `process.env`). The schema reports every bad value at once, so one error
 * names them all.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = envSchema(env.NODE_ENV).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const value = env[name];
    if (value === undefined) return `${name} ${issue.message}`;
    // A secret's length is enough to see what is wrong with it.
    return `${name} ${issue.message}, got ${secretSettings.has(name) ? `${value.length} characters` : JSON.stringify(value)}`;
  });
  throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
}
// #endregion load-config
