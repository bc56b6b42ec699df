// #region config
export interface Config {
  /** TCP port to listen on. `0` asks the operating system for a free one. */
  port: number;
}

/**
 * Reads the settings this lesson needs from an environment object (normally
 * `process.env`) and refuses bad values with an error that names the setting.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];

  const rawPort = env.PORT ?? '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65_535) {
    problems.push(`PORT must be a whole number from 0 to 65535, got "${rawPort}"`);
  }

  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return { port };
}
// #endregion config
