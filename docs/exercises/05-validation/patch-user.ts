// Solution to lesson 05, exercise 2: PATCH /api/v1/users/:id.
import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import createError from 'http-errors';
import { createUsersRouter, type User } from '../../../lessons/05-validation/src/routes/users.ts';
import { newUserBody, userIdParams } from '../../../lessons/05-validation/src/schemas/users.ts';

// #region schema
// Every field of the create schema, each one optional, with the same rules.
// An empty body would change nothing, so it is refused too.
export const userPatchBody = newUserBody
  .partial()
  .refine((patch) => patch.username !== undefined || patch.email !== undefined, 'give at least one of username, email');
// #endregion schema

// #region route
export function createUsersRouterWithPatch({ db }: { db: Database }): Router {
  // coalesce() keeps the stored value where the patch has none (null).
  const updateUser = db.prepare<{ id: number; username: string | null; email: string | null }, User>(
    `UPDATE users SET username = coalesce(@username, username), email = coalesce(@email, email)
     WHERE id = @id RETURNING id, username, email, created_at AS createdAt`,
  );
  const router = createUsersRouter({ db });

  // Both parts are checked in one go: a bad id and a bad body are reported together.
  router.patch('/:id', validate({ params: userIdParams, body: userPatchBody }), (req, res) => {
    const { username = null, email = null } = req.body;
    const user = updateUser.get({ id: req.params.id, username, email });
    if (user === undefined) throw createError(404, 'User not found');
    res.json(user);
  });
  return router;
}
// #endregion route
