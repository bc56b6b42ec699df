import type { RequestHandler } from 'express';
import createError from 'http-errors';
import { describeValue, looksLikeRequest } from '@forum-lessons/error-handler';
import { NOT_LOGGED_IN } from './require-user.ts';

// #region require-role
/**
 * Lets through only users whose `role` is the given one (or one of the given
 * ones). Mount it after requireUser(); without a `req.user` it answers 401.
 *
 * @example
 * router.post('/users/:id/approve', requireLogin, requireRole('admin'), approveUser);
 */
export function requireRole(role: string | readonly string[]): RequestHandler {
  const roles = readRoles(role);
  const detail =
    roles.length === 1 ? `This action requires the ${roles[0]} role` : `This action requires one of the roles: ${roles.join(', ')}`;

  return function checkRole(req, _res, next) {
    if (!req.user) return next(createError(401, NOT_LOGGED_IN));
    if (req.user.role === undefined || !roles.includes(req.user.role)) return next(createError(403, detail));
    next();
  };
}
// #endregion require-role

function readRoles(role: unknown): string[] {
  if (looksLikeRequest(role)) {
    throw new TypeError("requireRole() is a factory: write requireRole('admin'), not requireRole");
  }
  const roles = typeof role === 'string' ? [role] : role;
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => typeof r === 'string' && r !== '')) {
    throw new TypeError(
      `requireRole(): role must be a non-empty string or a non-empty array of them, got ${describeValue(role)}`,
    );
  }
  return [...roles];
}
