import session, { type Store } from 'express-session';
import type { Request, RequestHandler } from 'express';
import type { Config } from './config.ts';

// #region session-data
// What this app keeps in a session. express-session types req.session with
// this interface; every property is optional, because a new session is empty.
declare module 'express-session' {
  interface SessionData {
    /** How many times this session asked for GET /api/v1/session. */
    visits: number;
    /** ISO 8601 timestamp of the first of those visits. */
    firstVisitAt: string;
    /** The logged-in user's id, set at login. No userId: nobody is logged in. */
    userId: number;
    /** When the user logged in, in milliseconds since 1970: the start of the absolute lifetime. */
    loggedInAt: number;
  }
}
// #endregion session-data

// #region cookie
/** The cookie's name. express-session's default, `connect.sid`, tells everyone which library runs here. */
export const SESSION_COOKIE = 'forum.sid';

/** The attributes of the session cookie; express-session adds the expiry. */
export interface SessionCookieOptions {
  path: string;
  httpOnly: boolean;
  sameSite: 'lax';
  secure: boolean;
}

/**
 * The session cookie's attributes, one decision each. Lesson 07 clears the
 * cookie at logout with the same attributes: a browser only deletes a cookie
 * whose name, path and domain match the one it holds.
 */
export function sessionCookieOptions(config: Pick<Config, 'nodeEnv'>): SessionCookieOptions {
  return {
    // Sent with every request to any path on this host.
    path: '/',
    // Page scripts cannot read it (document.cookie), so an injected script
    // cannot steal the session.
    httpOnly: true,
    // Not sent with requests that other sites start in the background (a
    // form POST from evil.example): a first defence against CSRF. Links
    // followed from other sites still carry it, so a user stays logged in.
    sameSite: 'lax',
    // Over HTTPS only, in production. A browser never sends a Secure cookie
    // over plain HTTP, where anyone on the network could read it.
    secure: config.nodeEnv === 'production',
  };
}
// #endregion cookie

export interface SessionDeps {
  config: Pick<Config, 'nodeEnv' | 'sessionSecret' | 'sessionMaxAgeMs'>;
  /** Where sessions live between requests: server.ts passes the SQLite store. */
  store: Store;
}

// #region session-middleware
/**
 * express-session, configured for this app. It reads the session cookie,
 * loads the session from the store into req.session, and saves it back when
 * the response is sent.
 */
export function sessionMiddleware({ config, store }: SessionDeps): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    // Signs the cookie's value (the session id): a cookie whose signature
    // does not match is ignored, so a client cannot choose a session id.
    secret: config.sessionSecret,
    store,
    // Save a session only when a request changed it. With `true`, every
    // request writes, and two parallel requests can overwrite each other.
    resave: false,
    // Do not store empty sessions or send a cookie until there is something
    // to remember: no cookie for a visitor who only reads /health.
    saveUninitialized: false,
    // The browser drops the cookie this long after it last received it:
    // when the session last changed (`rolling: true` would resend it with
    // every answer). The store keeps the session as long.
    cookie: { ...sessionCookieOptions(config), maxAge: config.sessionMaxAgeMs },
  });
}
// #endregion session-middleware

// #region session-promises
// express-session's methods take callbacks. These wrappers return promises,
// so an async route can await them and a failure is thrown like any other.

/** Replaces the session with a new, empty one under a new id; the old id stops working. */
export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
}

/** Writes the session to the store now, instead of when the answer is sent. */
export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
}

/** Deletes the session from the store. */
export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())));
}
// #endregion session-promises

// #region absolute-lifetime
export interface SessionLifetimeDeps {
  config: Pick<Config, 'sessionAbsoluteMs'>;
  /** The clock, in milliseconds since 1970. Tests pass one they can move. */
  now: () => number;
}

/**
 * Ends a login SESSION_ABSOLUTE_MS after it began, however busy the session
 * has been since. The idle timeout alone is not enough: every request a
 * cookie makes pushes its expiry forward (express-session touches the
 * session), so a stolen cookie that keeps polling would never expire. The
 * time of login is stored in the session, on the server, where a client
 * cannot change it.
 */
export function sessionLifetime({ config, now }: SessionLifetimeDeps): RequestHandler {
  return async (req, _res, next) => {
    const { loggedInAt } = req.session;
    if (loggedInAt !== undefined && now() - loggedInAt >= config.sessionAbsoluteMs) {
      // Deletes the old session from the store and carries on with a new,
      // empty one: for the routes after this, nobody is logged in.
      await regenerateSession(req);
    }
    next();
  };
}
// #endregion absolute-lifetime
