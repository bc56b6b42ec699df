// Solution to lesson 04, exercise 2: 405 Method Not Allowed with an Allow header.
import type { Database } from 'better-sqlite3';
import { Router } from 'express';
import createError from 'http-errors';
import { createUsersRouter } from '../../../lessons/04-error-handling/src/routes/users.ts';

// #region method-not-allowed
/** A route that answers every method it reaches with 405 and the methods the path does allow. */
function allowOnly(...methods: string[]) {
  return () => {
    // http-errors carries headers for the answer; the error handler sets them.
    throw createError(405, `Use ${methods.join(' or ')} on this path`, { headers: { Allow: methods.join(', ') } });
  };
}

export function createUsersRouterWith405({ db }: { db: Database }): Router {
  const router = Router();
  router.use(createUsersRouter({ db }));
  // Reached only when no route above answered: the path is right, the method is not.
  router.all('/', allowOnly('GET', 'POST'));
  router.all('/:id', allowOnly('GET'));
  return router;
}
// #endregion method-not-allowed
