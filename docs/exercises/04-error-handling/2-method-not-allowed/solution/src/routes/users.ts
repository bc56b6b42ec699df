import type { FieldError } from '@forum-lessons/error-handler';
import type { Database } from 'better-sqlite3';
import { Router, type Request, type Response } from 'express';
import createError from 'http-errors';

// #region user
/** A user as the API shows it. */
export interface User {
  id: number;
  username: string;
  email: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

// The columns the API shows, renamed from snake_case to the JSON's camelCase.
const userColumns = 'id, username, email, created_at AS createdAt';
// #endregion user

export interface UsersRouterDeps {
  db: Database;
}

// #region create-users-router
/**
 * The users routes, relative to where the router is mounted
 * (`app.use('/api/v1/users', createUsersRouter({ db }))`). Every failure is
 * thrown; the error handler at the end of the app answers it.
 */
export function createUsersRouter({ db }: UsersRouterDeps): Router {
  // Prepared once, when the router is created, and run for every request.
  // The `?` and `@name` placeholders are filled in by SQLite, never pasted
  // into the SQL text, so no input can change what the statement does.
  const listUsers = db.prepare<[], User>(`SELECT ${userColumns} FROM users ORDER BY id`);
  const findUser = db.prepare<[number], User>(`SELECT ${userColumns} FROM users WHERE id = ?`);
  const insertUser = db.prepare<{ username: string; email: string; createdAt: string }, User>(
    `INSERT INTO users (username, email, created_at) VALUES (@username, @email, @createdAt)
     RETURNING ${userColumns}`,
  );

  const router = Router();

  router.get('/', (_req: Request, res: Response) => {
    res.json({ users: listUsers.all() });
  });

  router.get('/:id', (req: Request<{ id: string }>, res: Response) => {
    const user = findUser.get(parseId(req.params.id));
    if (user === undefined) throw createError(404, 'User not found');
    res.json(user);
  });

  router.post('/', (req: Request, res: Response) => {
    // A taken username or email makes SQLite throw a UNIQUE constraint
    // error; the error handler turns it into 409 "email is already taken".
    const user = insertUser.get({ ...readNewUser(req.body), createdAt: new Date().toISOString() })!;
    res.status(201).location(`${req.baseUrl}/${user.id}`).json(user);
  });

  // #region method-not-allowed
  // Reached only when no route above answered: the path is right, the method is not.
  router.all('/', allowOnly('GET', 'POST'));
  router.all('/:id', allowOnly('GET'));
  // #endregion method-not-allowed

  return router;
}

// #region allow-only
/** A route that answers every method it reaches with 405 and the methods the path does allow. */
function allowOnly(...methods: string[]) {
  return () => {
    // http-errors carries headers for the answer; the error handler sets them.
    throw createError(405, `Use ${methods.join(' or ')} on this path`, { headers: { Allow: methods.join(', ') } });
  };
}
// #endregion allow-only
// #endregion create-users-router

// #region input
/** `"42"` → 42. Anything but a positive whole number (`abc`, `0`, `1.5`, `-1`) is a 400. */
function parseId(raw: string): number {
  if (!/^[1-9]\d{0,14}$/.test(raw)) {
    throw createError(400, 'id must be a positive whole number', {
      errors: [{ path: 'id', message: 'must be a positive whole number', location: 'params' }] satisfies FieldError[],
    });
  }
  return Number(raw);
}

/**
 * Checks the body of POST /users by hand: both fields present, strings, and
 * not blank. A failure is a 400 whose `errors` list names each bad field, the
 * shape the error handler copies into the answer. Lesson 05 replaces this
 * with a schema.
 */
function readNewUser(body: unknown): { username: string; email: string } {
  // Express 5 leaves req.body undefined when the request had no JSON body.
  const { username, email } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors: FieldError[] = Object.entries({ username, email })
    .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
    .map(([name]) => ({ path: name, message: 'is required (a non-empty string)', location: 'body' }));
  if (errors.length > 0) {
    const names = errors.map((error) => error.path);
    throw createError(400, `${names.join(' and ')} ${names.length === 1 ? 'is' : 'are'} required (a non-empty string)`, {
      errors,
    });
  }
  return { username: (username as string).trim(), email: (email as string).trim() };
}
// #endregion input
