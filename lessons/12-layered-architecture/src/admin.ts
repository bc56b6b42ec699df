import type { Database } from 'better-sqlite3';

// #region ensure-admin
/** What ensureAdmin() found: the account was made admin now, was one already, or does not exist yet. */
export type AdminState = 'promoted' | 'already admin' | 'not registered';

/**
 * Makes the account with ADMIN_EMAIL an approved admin, if it exists. The
 * server calls this at every start, so setting ADMIN_EMAIL for an account
 * registered earlier promotes it; an account registered later is made admin
 * by the register route. Nobody else is ever promoted here.
 */
export function ensureAdmin(db: Database, adminEmail: string): AdminState {
  const found = db
    .prepare<[string], { status: string; role: string }>('SELECT status, role FROM users WHERE email = ?')
    .get(adminEmail);
  if (found === undefined) return 'not registered';
  if (found.status === 'approved' && found.role === 'admin') return 'already admin';
  db.prepare("UPDATE users SET status = 'approved', role = 'admin' WHERE email = ?").run(adminEmail);
  return 'promoted';
}
// #endregion ensure-admin
