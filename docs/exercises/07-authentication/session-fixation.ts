// A common mistake of lesson 07: logging in without a new session id.
import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import createError from 'http-errors';
import { verifyPassword } from '../../../lessons/07-authentication/src/auth/password.ts';
import { loginBody } from '../../../lessons/07-authentication/src/schemas/auth.ts';

export function createLoginWithoutRegenerate({ db }: { db: Database }): Router {
  const findByEmail = db.prepare<[string], { id: number; passwordHash: string | null }>(
    'SELECT id, password_hash AS passwordHash FROM users WHERE email = ?',
  );
  const router = Router();

  router.post('/login', validate({ body: loginBody }), async (req, res) => {
    const found = findByEmail.get(req.body.email);
    if (!found?.passwordHash || !(await verifyPassword(req.body.password, found.passwordHash))) {
      throw createError(401, 'Email or password is incorrect');
    }
    // #region mistake
    // The session the request came with, whatever its id, becomes logged in.
    req.session.userId = found.id;
    res.json({ id: found.id });
    // #endregion mistake
  });
  return router;
}
