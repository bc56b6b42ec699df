import type { ValidatedHandler } from '@forum-lessons/middleware';
import type { Request, Response } from 'express';
import type { Config } from '../config.ts';
import type { loginBody, registerBody } from '../schemas/auth.ts';
import type { AccountsService } from '../services/accounts.ts';
import { SESSION_COOKIE, destroySession, regenerateSession, saveSession, sessionCookieOptions } from '../session.ts';

export interface AuthControllerDeps {
  accounts: AccountsService;
  config: Pick<Config, 'nodeEnv'>;
  /** The clock that stamps the time of login. */
  now: () => number;
}

// #region auth-controller
/**
 * Register, log in, log out, who am I: the HTTP half. The accounts service
 * decides; these handlers read the request, keep the session and the
 * cookie (HTTP things the service never sees), and write the answer.
 */
export function createAuthController({ accounts, config, now }: AuthControllerDeps) {
  const register: ValidatedHandler<{ body: typeof registerBody }> = async (req, res) => {
    const user = await accounts.register(req.body);
    // req.app is the API sub-app, and req.app.path() the path it is mounted
    // at (/api/v1): the users router is its sibling, not under /auth.
    res.status(201).location(`${req.app.path()}/users/${user.id}`).json(user);
  };

  // #region login
  const logIn: ValidatedHandler<{ body: typeof loginBody }> = async (req, res) => {
    const user = await accounts.logIn(req.body);
    // A new session id at login. Whoever knew the id from before (one they
    // planted in the victim's browser, or read before login) is left with a
    // session that no longer exists: no session fixation.
    await regenerateSession(req);
    req.session.userId = user.id;
    // The absolute lifetime counts from here (see sessionLifetime()).
    req.session.loggedInAt = now();
    // Written to the store before the answer, so a request the client sends
    // as soon as it has the cookie already finds the login.
    await saveSession(req);
    res.json(user);
  };
  // #endregion login

  return {
    register,
    logIn,

    async logOut(req: Request, res: Response): Promise<void> {
      // Deleted on the server: the cookie, even if someone kept a copy, now
      // names a session that does not exist.
      await destroySession(req);
      // And dropped by the browser: clearCookie sets an expired cookie, which
      // replaces the old one only with the same name, path and domain.
      res.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
      res.status(204).end();
    },

    me(req: Request, res: Response): void {
      res.json(req.user);
    },
  };
}
// #endregion auth-controller

export type AuthController = ReturnType<typeof createAuthController>;
