import { validate } from '@forum-lessons/middleware';
import { Router, type RequestHandler } from 'express';
import type { AuthController } from '../controllers/auth.ts';
import type { RateLimits } from '../middleware/rate-limits.ts';
import { loginBody, registerBody } from '../schemas/auth.ts';

export interface AuthRouterDeps {
  controller: AuthController;
  /** The guard for GET /me: a logged-in user on req.user. */
  loggedIn: RequestHandler;
  /** The rate limiters of login and register, which run before validation. */
  limits: Pick<RateLimits, 'login' | 'register'>;
}

// #region create-auth-router
/**
 * `POST /register`, `POST /login`, `POST /logout` and `GET /me`, mounted at
 * /auth in the API (/api/v1/auth). A route is a path, a method, and the
 * chain in front of its controller: limits, guards, validation.
 */
export function createAuthRouter({ controller, limits, loggedIn }: AuthRouterDeps): Router {
  const router = Router();
  router.post('/register', limits.register, validate({ body: registerBody }), controller.register);
  router.post('/login', ...limits.login, validate({ body: loginBody }), controller.logIn);
  router.post('/logout', controller.logOut);
  router.get('/me', loggedIn, controller.me);
  return router;
}
// #endregion create-auth-router
