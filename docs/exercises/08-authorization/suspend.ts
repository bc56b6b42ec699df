// Solution to lesson 08, exercise 3: suspend an account.
import { requireApproved, requireRole, validate } from '@forum-lessons/middleware';
import type { Database } from 'better-sqlite3';
import { Router, type RequestHandler } from 'express';
import createError from 'http-errors';
import { z } from 'zod';
import { migrations, openDatabase } from '../../../lessons/08-authorization/src/db.ts';
import { createGuards, type Guards } from '../../../lessons/08-authorization/src/middleware/guards.ts';
import { createUsersRouter, userColumns, type User } from '../../../lessons/08-authorization/src/routes/users.ts';
import { listUsersQuery, userIdParams } from '../../../lessons/08-authorization/src/schemas/users.ts';
import { forumWith, type Forum } from './helpers.ts';

// #region migration
// Step 5, to append to `migrations` in src/db.ts. SQLite cannot change a
// column's CHECK constraint in place, so the step builds the table anew with
// the wider check, copies the rows, drops the old table and renames the new
// one (https://sqlite.org/lang_altertable.html#otheralter). Dropping the old
// table drops its indexes too: the step creates them again, or `bob` and
// `BOB` could both register from then on.
export const suspendedStep = `
  CREATE TABLE users_new (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at    TEXT NOT NULL,
    password_hash TEXT,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'suspended')),
    role          TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin'))
  ) STRICT;
  INSERT INTO users_new (id, username, email, created_at, password_hash, status, role)
    SELECT id, username, email, created_at, password_hash, status, role FROM users;
  DROP TABLE users;
  ALTER TABLE users_new RENAME TO users;
  CREATE UNIQUE INDEX users_username_nocase ON users (username COLLATE NOCASE);
  CREATE INDEX users_status ON users (status, id);`;
// #endregion migration

/**
 * Lesson 08's openDatabase(), then step 5 the way migrate() runs a step:
 * in a BEGIN IMMEDIATE transaction that reads user_version first. In your
 * lesson, appending the step to `migrations` is all it takes.
 */
export function openDatabaseWithSuspension(path: string): Database {
  const db = openDatabase(path);
  const applyStep5 = db.transaction(() => {
    if (db.pragma('user_version', { simple: true }) !== migrations.length) return;
    db.exec(suspendedStep);
    db.pragma(`user_version = ${migrations.length + 1}`);
  });
  applyStep5.immediate();
  return db;
}

// #region guards
/** requireApproved() turns a suspended user away too, but says the account waits for approval. This says why. */
export function refuseSuspended(): RequestHandler {
  return function checkNotSuspended(req, _res, next) {
    if (req.user?.status === 'suspended') return next(createError(403, 'Your account is suspended'));
    next();
  };
}

/** Lesson 08's guards, with refuseSuspended() before requireApproved(). */
export function createGuardsWithSuspension({ db }: { db: Database }): Guards {
  const { loggedIn } = createGuards({ db });
  const approved = [loggedIn, refuseSuspended(), requireApproved()];
  return { loggedIn, approved, admin: [...approved, requireRole('admin')] };
}
// #endregion guards

// #region list-query
/** The list's `status` filter knows the new status too. */
export const listUsersQueryWithSuspended = listUsersQuery.extend({
  status: z.enum(['pending', 'approved', 'suspended'], 'must be pending, approved or suspended').optional(),
});
// #endregion list-query

type Status = 'pending' | 'approved' | 'suspended';

/** `GET /` with the new filter, and `POST /:id/suspend`: in your lesson, both go into createUsersRouter(). */
export function createSuspendRoutes({ db }: { db: Database }): Router {
  const listUsers = db.prepare<{ status: Status | null; limit: number; offset: number }, User>(
    `SELECT ${userColumns} FROM users WHERE @status IS NULL OR status = @status ORDER BY id LIMIT @limit OFFSET @offset`,
  );
  const countUsers = db
    .prepare<{ status: Status | null }, number>('SELECT count(*) FROM users WHERE @status IS NULL OR status = @status')
    .pluck();
  // #region suspend-statement
  // Admins are never suspended: the forum must not lose the admins who could
  // lift a suspension. The condition is in the statement, next to the change.
  const suspendMember = db.prepare<[number], User>(
    `UPDATE users SET status = 'suspended' WHERE id = ? AND role <> 'admin' RETURNING ${userColumns}`,
  );
  // #endregion suspend-statement
  const exists = db.prepare<[number], 1>('SELECT 1 FROM users WHERE id = ?').pluck();
  const router = Router();

  router.get('/', validate({ query: listUsersQueryWithSuspended }), (req, res) => {
    const { status = null, limit, offset } = req.query;
    res.json({ users: listUsers.all({ status, limit, offset }), total: countUsers.get({ status }), limit, offset });
  });

  // #region suspend-route
  // Idempotent, like approve: suspending a suspended account answers the
  // same. Approving it (the lesson's route, unchanged) lifts the suspension.
  router.post('/:id/suspend', validate({ params: userIdParams }), (req, res) => {
    const user = suspendMember.get(req.params.id);
    if (user === undefined) {
      if (exists.get(req.params.id) === undefined) throw createError(404, 'User not found');
      throw createError(409, 'An admin cannot be suspended');
    }
    res.json(user);
  });
  // #endregion suspend-route
  return router;
}

export const forumWithSuspension: Forum = forumWith({
  openDatabase: openDatabaseWithSuspension,
  guards: createGuardsWithSuspension,
  users: ({ db, guard }) => [...guard.admin, createSuspendRoutes({ db }), createUsersRouter({ db })],
});
