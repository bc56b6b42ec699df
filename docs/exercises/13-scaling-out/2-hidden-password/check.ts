// Check for lesson 13, exercise 2: node-postgres also reads a password from
// DATABASE_URL's query (?password=...); withoutPassword() must hide it there
// too, and so every line that prints the URL: the settings' error and the
// refusal at start. No server is needed: the refusal is checked against a
// port where nothing listens.
import { createServer } from 'node:net';
import { expect } from 'vitest';
import { loadConfig, withoutPassword } from '../../../../lessons/13-scaling-out/src/config.ts';
import { openConnections } from '../../../../lessons/13-scaling-out/src/connections.ts';
import { createLogger } from '../../../../lessons/13-scaling-out/src/logger.ts';
import { expectation } from '../../expectation.ts';

const secret = 'hunter2-is-not-a-password';

/** A port on this machine where nothing listens: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The message of what `run` throws, or a failure when it throws nothing. */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error, and nothing was thrown');
}

expectation(
  'withoutPassword() hides a password given as ?password= and keeps the rest of the URL',
  'In withoutPassword() (src/config.ts), look at url.searchParams too: a password parameter there is as secret as the one before the @.',
  () => {
    const shown = withoutPassword(`postgres://forum@db.internal:5432/forum?password=${secret}`);
    expect(shown).not.toContain(secret);
    expect(shown).toMatch(/^postgres:\/\/forum@db\.internal:5432\/forum/);

    const withOthers = withoutPassword(`postgres://forum@db.internal/forum?sslmode=require&password=${secret}&application_name=forum`);
    expect(withOthers).not.toContain(secret);
    expect(withOthers).toContain('sslmode=require');
    expect(withOthers).toContain('application_name=forum');
  },
);

expectation(
  'what withoutPassword() hid before, it still hides, and a URL without a password is printed as it is',
  'Hide the query\'s password in addition to the user info\'s, and return the value untouched when there is neither.',
  () => {
    const both = withoutPassword(`postgres://forum:${secret}@db.internal/forum?password=${secret}`);
    expect(both).not.toContain(secret);
    expect(both).toContain('db.internal/forum');
    expect(withoutPassword(`postgres://forum:${secret}@db.internal:5432/forum`)).not.toContain(secret);
    for (const plain of ['postgres://forum@db.internal:5432/forum', 'postgres://db.internal/forum?sslmode=require', 'redis://127.0.0.1:6379']) {
      expect(withoutPassword(plain)).toBe(plain);
    }
  },
);

expectation(
  'a refused DATABASE_URL names the setting, and not the password in its query',
  'loadConfig() prints a URL setting it refuses through withoutPassword(): once that function hides the query\'s password, so does the message.',
  () => {
    const message = messageOf(() => loadConfig({ DATABASE_URL: `mysql://forum@db.internal/forum?password=${secret}` }));
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain(secret);
  },
);

expectation(
  'a DATABASE_URL in libpq\'s key=value form (host=... password=...) is refused without printing its password',
  'A value that is not a URL goes through the catch branch of withoutPassword(): hide what follows password= there too.',
  () => {
    const message = messageOf(() => loadConfig({ DATABASE_URL: `host=db.internal user=forum password=${secret} dbname=forum` }));
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain(secret);
  },
);

expectation(
  'the refusal at start, when nothing listens at DATABASE_URL, names the setting and not the password in its query',
  'openConnections() describes the failure with withoutPassword(url) (describe() in src/connections.ts): fix withoutPassword() and this line follows.',
  async () => {
    const url = `postgres://forum@127.0.0.1:${await closedPort()}/forum?password=${secret}`;
    const logger = createLogger({ logLevel: 'silent' });
    const refusal = await openConnections({ databaseUrl: url, redisUrl: undefined }, logger).then(
      async (connections) => {
        await connections.close();
        throw new Error(`openConnections() connected to ${url}: nothing should listen there`);
      },
      (error: unknown) => (error as Error).message,
    );
    expect(refusal).toMatch(/^DATABASE_URL: /);
    expect(refusal).not.toContain(secret);
  },
);
