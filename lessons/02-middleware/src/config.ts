// #region config
export type NodeEnv = 'development' | 'test' | 'production';

export interface Config {
  /** PORT: the TCP port to listen on. `0` asks the operating system for a free one. */
  port: number;
  /** NODE_ENV: Express shows error stacks to clients unless this is `production`. */
  nodeEnv: NodeEnv;
  /** LOG_REQUESTS: whether to print one line per finished request. */
  logRequests: boolean;
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
    problems.push(`NODE_ENV must be one of ${nodeEnvs.join(', ')}, got "${nodeEnv}"`);
  }

  const rawLogRequests = env.LOG_REQUESTS ?? 'true';
  if (rawLogRequests !== 'true' && rawLogRequests !== 'false') {
    problems.push(`LOG_REQUESTS must be "true" or "false", got "${rawLogRequests}"`);
  }

  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return { port, nodeEnv, logRequests: rawLogRequests === 'true' };
}
// #endregion config
