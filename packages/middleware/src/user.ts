// #region user-types
/**
 * What the guards need to know about a user. Your user type may have more,
 * and it may leave out `status` and `role` until your app has them.
 */
export interface BaseUser {
  id: number | string;
  /**
   * requireApproved() compares it with `'approved'`. A user without a
   * status is not approved.
   */
  status?: string;
  /** requireRole() compares it with the role it was given. A user without a role has none. */
  role?: string;
}

/**
 * Register your app's user type here and `req.user` has that type
 * everywhere:
 *
 * @example
 * declare module '@forum-lessons/middleware' {
 *   interface Register {
 *     user: { id: number; email: string; status: 'pending' | 'approved'; role: 'member' | 'admin' };
 *   }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by apps
export interface Register {}

/** The type of `req.user`: your registered user type, or BaseUser. */
export type User = Register extends { user: infer U extends BaseUser } ? U : BaseUser;

declare global {
  // Express's own extension point: every Request in the program gets these.
  namespace Express {
    interface Request {
      /** The logged-in user, set by requireUser(). */
      user?: User;
      /** The request id, set by requestId(). */
      id?: string;
    }
  }
}
// #endregion user-types
