// Solution to lesson 08, exercise 1: an admin rejects a pending account.
import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import createError from 'http-errors';
import { createUsersRouter } from '../../../lessons/08-authorization/src/routes/users.ts';
import { userIdParams } from '../../../lessons/08-authorization/src/schemas/users.ts';
import { forumWith, type Forum } from './helpers.ts';

/** `DELETE /:id`, for the users router: in your lesson, add the route inside createUsersRouter(). */
export function createRejectRoute({ db }: { db: Database }): Router {
  // #region statements
  // The condition is in the statement: a pending account is deleted, any
  // other row is left alone, and `changes` says which happened.
  const deletePending = db.prepare<[number]>("DELETE FROM users WHERE id = ? AND status = 'pending'");
  const exists = db.prepare<[number], 1>('SELECT 1 FROM users WHERE id = ?').pluck();
  // #endregion statements
  const router = Router();

  // #region route
  // DELETE: the account is gone, and its email and username are free again.
  // Only a pending account: an approved one has taken part in the forum, and
  // removing it is a different decision (suspend it, see exercise 3).
  router.delete('/:id', validate({ params: userIdParams }), (req, res) => {
    const { changes } = deletePending.run(req.params.id);
    if (changes === 0) {
      if (exists.get(req.params.id) === undefined) throw createError(404, 'User not found');
      throw createError(409, 'Only a pending account can be rejected');
    }
    // The rejected user's session lives on, but names a user that no longer
    // exists: requireUser() answers its next request with a 401.
    res.status(204).end();
  });
  // #endregion route
  return router;
}

/** Lesson 08 with the route: behind the same admin chain as the other users routes. */
export const forumWithReject: Forum = forumWith({
  users: ({ db, guard }) => [...guard.admin, createRejectRoute({ db }), createUsersRouter({ db })],
});
