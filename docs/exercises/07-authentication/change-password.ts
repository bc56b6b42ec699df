// Solution to lesson 07, exercise 1: POST /api/v1/auth/password.
import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import createError from 'http-errors';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../../../lessons/07-authentication/src/auth/password.ts';
import { passwordProblem } from '../../../lessons/07-authentication/src/auth/password-policy.ts';
import { requireAuth } from '../../../lessons/07-authentication/src/middleware/require-auth.ts';
import type { User } from '../../../lessons/07-authentication/src/routes/users.ts';
import { registerBody } from '../../../lessons/07-authentication/src/schemas/auth.ts';

// #region schema
// The new password has register's length rule; the current one only has to
// be there. The rest of register's rules need the account's username and
// email, which the body does not carry: the route checks them.
const changePasswordBody = z.object({
  currentPassword: z.string('is required').min(1, 'is required'),
  newPassword: registerBody.shape.password,
});
// #endregion schema

// #region route
export function createPasswordRouter({ db }: { db: Database }): Router {
  const findHash = db.prepare<[number], string | null>('SELECT password_hash FROM users WHERE id = ?').pluck();
  const updateHash = db.prepare<[string, number]>('UPDATE users SET password_hash = ? WHERE id = ?');
  // The store keeps each session as JSON in the same database.
  const deleteOtherSessions = db.prepare<[number, string]>(
    "DELETE FROM sessions WHERE json_extract(sess, '$.userId') = ? AND sid <> ?",
  );
  const router = Router();

  router.post('/password', requireAuth({ db }), validate({ body: changePasswordBody }), async (req, res) => {
    // requireAuth put this lesson's User on req.user. The package types
    // req.user as its BaseUser, whose id may be a string; ours is a number.
    const user = req.user as User;
    // #region policy
    // Register's password policy, against this user's own username and
    // email, answered in the same 400 shape as validate()'s.
    const problem = passwordProblem(req.body.newPassword, user);
    if (problem !== undefined) {
      throw createError(400, 'Request validation failed', {
        errors: [{ path: 'newPassword', message: problem, location: 'body' }],
      });
    }
    // #endregion policy
    const stored = findHash.get(user.id);
    // Logged in, so not a 401: the request is refused, 403.
    if (!stored || !(await verifyPassword(req.body.currentPassword, stored))) {
      throw createError(403, 'Current password is incorrect');
    }
    updateHash.run(await hashPassword(req.body.newPassword), user.id);
    // Whoever else is logged in as this user (a stolen cookie, a forgotten
    // laptop) is logged out; this session stays.
    deleteOtherSessions.run(user.id, req.sessionID);
    res.status(204).end();
  });
  return router;
}
// #endregion route
