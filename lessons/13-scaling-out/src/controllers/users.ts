import type { ValidatedHandler } from '@forum-lessons/middleware';
import type { listUsersQuery, userIdParams } from '../schemas/users.ts';
import type { UsersService } from '../services/users.ts';

// #region users-controller
/** The admin's users routes, the HTTP half. validate() has parsed the query and params before these run. */
export function createUsersController({ users }: { users: UsersService }) {
  const list: ValidatedHandler<{ query: typeof listUsersQuery }> = async (req, res) => {
    res.json(await users.list(req.query));
  };

  const get: ValidatedHandler<{ params: typeof userIdParams }> = async (req, res) => {
    res.json(await users.get(req.params.id));
  };

  // POST, not GET: it changes something. Approving an approved user changes
  // nothing and answers the same: the request is idempotent, so a client
  // may safely send it again after a lost answer.
  const approve: ValidatedHandler<{ params: typeof userIdParams }> = async (req, res) => {
    res.json(await users.approve(req.params.id));
  };

  return { list, get, approve };
}
// #endregion users-controller

export type UsersController = ReturnType<typeof createUsersController>;
