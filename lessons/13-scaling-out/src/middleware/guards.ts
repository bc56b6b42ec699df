import { requireApproved, requireRole, requireUser } from '@forum-lessons/middleware';
import type { RequestHandler } from 'express';
import type { User } from '../domain/models.ts';

// #region guards
/** The chains of guards the routes put in front of their handlers. */
export interface Guards {
  /** A logged-in user, loaded onto req.user; otherwise 401. */
  loggedIn: RequestHandler;
  /** A logged-in user an admin has approved; pending: 403. */
  approved: RequestHandler[];
  /** An approved user with the admin role; anyone else: 403. */
  admin: RequestHandler[];
}

/**
 * Builds the guards from @forum-lessons/middleware. Each one does one check
 * and calls next() or fails, so they chain: the array `[loggedIn,
 * requireApproved(), requireRole('admin')]` runs left to right, and the first
 * that fails ends the request. Express accepts an array wherever it accepts a
 * handler.
 */
export function createGuards({ findUser }: { findUser: (id: number) => Promise<User | undefined> }): Guards {
  // requireUser() reads req.session.userId (set at login), calls loadUser,
  // and puts the user on req.user. What lesson 07's requireAuth did, now
  // from the package.
  const loggedIn = requireUser({ loadUser: (id) => findUser(Number(id)) });
  const approved = [loggedIn, requireApproved()];
  return { loggedIn, approved, admin: [...approved, requireRole('admin')] };
}
// #endregion guards
