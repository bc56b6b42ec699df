import { validate } from '@forum-lessons/middleware';
import { Router } from 'express';
import type { UsersController } from '../controllers/users.ts';
import { listUsersQuery, userIdParams } from '../schemas/users.ts';

// #region create-users-router
/**
 * The users routes, for admins: api.ts mounts the router behind the admin
 * guards, so every route here can take an admin for granted. Emails are
 * shown: an admin needs them to recognise who is asking to join.
 */
export function createUsersRouter({ controller }: { controller: UsersController }): Router {
  const router = Router();
  router.get('/', validate({ query: listUsersQuery }), controller.list);
  router.get('/:id', validate({ params: userIdParams }), controller.get);
  router.post('/:id/approve', validate({ params: userIdParams }), controller.approve);
  return router;
}
// #endregion create-users-router
