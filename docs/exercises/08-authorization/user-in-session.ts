// A common mistake in lesson 08: keeping the user, with its status and role,
// in the session, instead of loading it from the database on every request.
import { requireApproved, requireRole, requireUser } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import type { Guards } from '../../../lessons/08-authorization/src/middleware/guards.ts';
import { createUsersRouter, userColumns, type User } from '../../../lessons/08-authorization/src/routes/users.ts';
import { forumWith, type Forum } from './helpers.ts';
import { createRejectRoute } from './reject-pending.ts';

/** The guards of lesson 08, with the mistake in loggedIn. */
export function createGuardsWithUserInSession({ db }: { db: Database }): Guards {
  const findUser = db.prepare<[number], User>(`SELECT ${userColumns} FROM users WHERE id = ?`);
  // #region mistake
  // "One query per session instead of one per request": the user is loaded
  // at the first request after login and kept in the session from then on.
  const loggedIn = requireUser({
    loadUser: (id, req) => {
      const session = req.session as typeof req.session & { user?: User };
      session.user ??= findUser.get(Number(id));
      return session.user;
    },
  });
  // #endregion mistake
  const approved = [loggedIn, requireApproved()];
  return { loggedIn, approved, admin: [...approved, requireRole('admin')] };
}

/** Lesson 08 with those guards, and exercise 1's route to reject a pending account. */
export const forumWithUserInSession: Forum = forumWith({
  guards: createGuardsWithUserInSession,
  users: ({ db, guard }) => [...guard.admin, createRejectRoute({ db }), createUsersRouter({ db })],
});
