// Solution to lesson 05, exercise 1: refuse keys the schema does not know.
import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import { z } from 'zod';
import { createUsersRouter } from '../../../lessons/05-validation/src/routes/users.ts';
import { email, username } from '../../../lessons/05-validation/src/schemas/users.ts';

// #region strict
// z.strictObject() refuses any key it does not list, where z.object() drops
// it without a word. The issue has an empty path and names the keys. A plain
// string message would replace that one too, so the custom message is given
// only for a body that is not an object; undefined keeps zod's own message.
export const strictNewUserBody = z.strictObject(
  { username, email },
  { error: (issue) => (issue.code === 'invalid_type' ? 'must be a JSON object' : undefined) },
);
// #endregion strict

// #region router
/** The lesson's users router, with a strict check in front of POST /. */
export function createStrictUsersRouter({ db }: { db: Database }): Router {
  const router = Router();
  // Runs first: a body with unknown keys never reaches the lesson's route.
  router.post('/', validate({ body: strictNewUserBody }));
  router.use(createUsersRouter({ db }));
  return router;
}
// #endregion router
