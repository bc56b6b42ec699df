// Solution to lesson 06, exercise 2: a session that expires after inactivity.
import type { Store } from 'express-session';
import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Config } from '../../../lessons/06-sessions/src/config.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '../../../lessons/06-sessions/src/session.ts';

// #region rolling
export function rollingSessionMiddleware(config: Config, store: Store): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    // Send the cookie, with a new expiry, on every answer to a client that
    // has a session: it now expires maxAge after the last request.
    rolling: true,
    cookie: { ...sessionCookieOptions(config), maxAge: config.sessionMaxAgeMs },
  });
}
// #endregion rolling
