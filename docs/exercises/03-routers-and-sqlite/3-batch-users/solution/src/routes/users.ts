import type { Database } from 'better-sqlite3';
import { Router, type Request, type Response } from 'express';

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
 * (`app.use('/api/v1/users', createUsersRouter({ db }))`).
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

  // #region batch-statement
  // db.transaction(fn) returns a function that runs fn between BEGIN and
  // COMMIT, and rolls back if fn throws: all users or none.
  const insertAll = db.transaction((users: { username: string; email: string }[]) => {
    const createdAt = new Date().toISOString();
    return users.map((user) => insertUser.get({ ...user, createdAt })!);
  });
  // #endregion batch-statement

  const router = Router();

  router.get('/', (_req: Request, res: Response) => {
    res.json({ users: listUsers.all() });
  });

  // #region batch
  router.post('/batch', (req: Request, res: Response) => {
    const list: unknown = req.body?.users;
    if (!Array.isArray(list) || list.length === 0) {
      res.status(400).json({ error: 'users must be a non-empty array of { username, email }' });
      return;
    }
    const users = list.map(readNewUser);
    const invalid = users.findIndex((user) => 'error' in user);
    if (invalid !== -1) {
      res.status(400).json({ error: `users[${invalid}]: ${(users[invalid] as { error: string }).error}` });
      return;
    }
    try {
      res.status(201).json({ users: insertAll(users as { username: string; email: string }[]) });
    } catch (error) {
      const taken = takenColumn(error);
      if (taken === undefined) throw error;
      res.status(409).json({ error: `${taken} is already taken; no user was created` });
    }
  });
  // #endregion batch

  router.get('/:id', (req: Request<{ id: string }>, res: Response) => {
    const id = parseId(req.params.id);
    if (id === undefined) {
      res.status(400).json({ error: 'id must be a positive whole number' });
      return;
    }
    const user = findUser.get(id);
    if (user === undefined) {
      res.status(404).json({ error: 'User not found' });
      return;
    }
    res.json(user);
  });

  router.post('/', (req: Request, res: Response) => {
    const input = readNewUser(req.body);
    if ('error' in input) {
      res.status(400).json(input);
      return;
    }
    let user: User;
    try {
      user = insertUser.get({ ...input, createdAt: new Date().toISOString() })!;
    } catch (error) {
      // A UNIQUE column already holds this value. Without this check the
      // client would get a 500 for its own mistake. Lesson 04 moves this
      // into the shared error handler.
      const taken = takenColumn(error);
      if (taken === undefined) throw error;
      res.status(409).json({ error: `${taken} is already taken` });
      return;
    }
    res.status(201).location(`${req.baseUrl}/${user.id}`).json(user);
  });

  return router;
}
// #endregion create-users-router

// #region input
/** `"42"` → 42. Anything but a positive whole number (`abc`, `0`, `1.5`, `-1`) → undefined. */
function parseId(raw: string): number | undefined {
  return /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : undefined;
}

/**
 * Checks the body of POST /users by hand: both fields present, strings, and
 * not blank. Lesson 05 replaces this with a schema.
 */
function readNewUser(body: unknown): { username: string; email: string } | { error: string } {
  // Express 5 leaves req.body undefined when the request had no JSON body.
  const { username, email } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const missing = Object.entries({ username, email })
    .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
    .map(([name]) => name);
  if (missing.length > 0) {
    return { error: `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required (a non-empty string)` };
  }
  return { username: (username as string).trim(), email: (email as string).trim() };
}

/** better-sqlite3 reports "UNIQUE constraint failed: users.email" with code SQLITE_CONSTRAINT_UNIQUE. */
function takenColumn(error: unknown): string | undefined {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || typeof message !== 'string') return undefined;
  return /users\.(\w+)/.exec(message)?.[1];
}
// #endregion input
