import session, { type Store } from 'express-session';
import type { RequestHandler } from 'express';
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
    // #region rolling
    // Sends the cookie, with a new expiry, on every answer to a client that
    // has a session: it expires SESSION_MAX_AGE_MS after the last request.
    rolling: true,
    // #endregion rolling
    // The browser drops the cookie this long after it last received it:
    // when the session last changed (`rolling: true` would resend it with
    // every answer). The store keeps the session as long.
    cookie: { ...sessionCookieOptions(config), maxAge: config.sessionMaxAgeMs },
  });
}
// #endregion session-middleware
