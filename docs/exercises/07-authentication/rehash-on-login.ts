// Solution to lesson 07, exercise 2: upgrade old hashes when users log in.
import { validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import createError from 'http-errors';
import {
  hashPassword,
  needsRehash,
  verifyDummy,
  verifyPassword,
} from '../../../lessons/07-authentication/src/auth/password.ts';
import { BAD_CREDENTIALS } from '../../../lessons/07-authentication/src/routes/auth.ts';
import { userColumns, type User } from '../../../lessons/07-authentication/src/routes/users.ts';
import { loginBody } from '../../../lessons/07-authentication/src/schemas/auth.ts';
import { regenerateSession, saveSession } from '../../../lessons/07-authentication/src/session.ts';

/** The lesson's login route, with the hash upgrade added. */
export function createLoginWithRehash({ db, now }: { db: Database; now: () => number }): Router {
  const findByEmail = db.prepare<[string], User & { passwordHash: string | null }>(
    `SELECT ${userColumns}, password_hash AS passwordHash FROM users WHERE email = ?`,
  );
  const updateHash = db.prepare<[string, number]>('UPDATE users SET password_hash = ? WHERE id = ?');
  const router = Router();

  router.post('/login', validate({ body: loginBody }), async (req, res) => {
    const { email, password } = req.body;
    const found = findByEmail.get(email);
    const stored = found?.passwordHash ?? null;
    const matches = stored === null ? await verifyDummy(password) : await verifyPassword(password, stored);
    if (found === undefined || stored === null || !matches) throw createError(401, BAD_CREDENTIALS);

    // #region rehash
    // The only moment the server has the password in hand is a login. If the
    // stored hash was made with older (cheaper) parameters, hash it again
    // with today's and store that.
    if (needsRehash(stored)) {
      updateHash.run(await hashPassword(password), found.id);
    }
    // #endregion rehash

    await regenerateSession(req);
    req.session.userId = found.id;
    req.session.loggedInAt = now();
    await saveSession(req);
    const { passwordHash: _hash, ...user } = found;
    res.json(user);
  });
  return router;
}
