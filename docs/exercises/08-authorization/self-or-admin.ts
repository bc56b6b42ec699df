// Solution to lesson 08, exercise 2: users may read their own record.
import type { Database } from 'better-sqlite3';
import { Router, type RequestHandler } from 'express';
import createError from 'http-errors';
import type { Guards } from '../../../lessons/08-authorization/src/middleware/guards.ts';
import { createUsersRouter } from '../../../lessons/08-authorization/src/routes/users.ts';
import { forumWith, type Forum } from './helpers.ts';

// #region guard
/**
 * Lets through the user whose id is the path's `:id`, and approved admins;
 * anyone else gets a 403. Mount it after the loggedIn guard, which puts the
 * user on req.user.
 *
 * It runs before validation and compares strings: `/users/01` is not user
 * 1's own path, so a member gets 403 for it, and an admin gets validate()'s
 * 400. A member asking for an id nobody has gets the same 403 as for an
 * existing one: a 404 would tell them which ids exist.
 */
export function requireSelfOrAdmin(): RequestHandler {
  return function checkSelfOrAdmin(req, _res, next) {
    if (!req.user) return next(createError(401, 'You must be logged in'));
    const isAdmin = req.user.role === 'admin' && req.user.status === 'approved';
    if (isAdmin || String(req.user.id) === req.params.id) return next();
    next(createError(403, 'You may read only your own account'));
  };
}
// #endregion guard

/**
 * Lesson 08's users router with a guard on each route instead of one admin
 * chain in front of them all. In your lesson, give createUsersRouter() the
 * guards, put each in front of its route, and mount the router without
 * guard.admin in app.ts.
 */
export function createUsersRouterWithGuards({ db, guard }: { db: Database; guard: Guards }): Router {
  const router = Router();
  // #region routes
  // Who may call each route. A guard calls next() and the request goes on
  // to the lesson's handler for the same method and path, below; or it ends
  // the request with a 401 or a 403. The guards come before validate(), as
  // in the lesson: a caller who may not call a route learns nothing from it,
  // not even that the id is malformed.
  router.get('/', guard.admin);
  router.get('/:id', guard.loggedIn, requireSelfOrAdmin());
  router.post('/:id/approve', guard.admin);
  // The handlers: lesson 08's users router, unchanged.
  router.use(createUsersRouter({ db }));
  // #endregion routes
  return router;
}

// #region mount
/** In app.ts: `app.use('/api/v1/users', noStore, createUsersRouter({ db, guard }))`, without guard.admin. */
export const forumWithSelfOrAdmin: Forum = forumWith({
  users: ({ db, guard }) => [createUsersRouterWithGuards({ db, guard })],
});
// #endregion mount
