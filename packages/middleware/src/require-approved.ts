import type { RequestHandler } from 'express';
import createError from 'http-errors';
import { checkOptions, describeValue } from '@forum-lessons/error-handler';
import { NOT_LOGGED_IN } from './require-user.ts';

export interface RequireApprovedOptions {
  /** The value of `req.user.status` that lets a user in. Default `approved`. */
  approvedStatus?: string;
}

// #region require-approved
/**
 * Lets through only users an administrator has approved. Mount it after
 * requireUser(); without a `req.user` it answers 401.
 *
 * @example
 * router.get('/posts', requireLogin, requireApproved(), listPosts);
 */
export function requireApproved(options?: RequireApprovedOptions): RequestHandler {
  const given = checkOptions('requireApproved()', options, ['approvedStatus']);
  const { approvedStatus = 'approved' } = given;
  if (typeof approvedStatus !== 'string' || approvedStatus === '') {
    throw new TypeError(`requireApproved(): option "approvedStatus" must be a non-empty string, got ${describeValue(approvedStatus)}`);
  }

  return function checkApproved(req, _res, next) {
    if (!req.user) return next(createError(401, NOT_LOGGED_IN));
    if (req.user.status !== approvedStatus) {
      return next(createError(403, "Your account is waiting for an administrator's approval"));
    }
    next();
  };
}
// #endregion require-approved
