import express, { type Express, type Request } from 'express';
import session from 'express-session';
import { errorHandler, notFound, type ErrorLogEntry } from '@forum-lessons/error-handler';
import type { BaseUser } from '../src/index.ts';

/**
 * A fresh app with the routes `setup` adds, then the project's notFound() and
 * errorHandler(). Error log entries are collected instead of printed.
 */
export function appWith(setup: (app: Express) => void): { app: Express; errors: ErrorLogEntry[] } {
  const errors: ErrorLogEntry[] = [];
  const app = express();
  setup(app);
  app.use(notFound());
  app.use(errorHandler({ log: (entry) => errors.push(entry) }));
  return { app, errors };
}

export interface TestUser extends BaseUser {
  id: number;
  name: string;
}

/** Three users, one per situation the guards care about. */
export function someUsers(): Map<number, TestUser> {
  return new Map([
    [1, { id: 1, name: 'Ada', status: 'approved', role: 'admin' }],
    [2, { id: 2, name: 'Grace', status: 'approved', role: 'member' }],
    [3, { id: 3, name: 'Linus', status: 'pending', role: 'member' }],
  ]);
}

/**
 * Real express-session (with its MemoryStore, fine for a test) plus a route
 * that logs a user in: POST /test/login/:id stores the id in the session.
 */
export function withSessions(app: Express, sessionKey = 'userId'): void {
  app.use(session({ secret: 'test secret', resave: false, saveUninitialized: false }));
  app.post('/test/login/:id', (req, res) => {
    sessionOf(req)[sessionKey] = /^\d+$/.test(req.params.id!) ? Number(req.params.id) : req.params.id;
    res.status(204).end();
  });
  app.get('/test/session', (req, res) => {
    res.json(sessionOf(req));
  });
}

// The tests do not declare SessionData, so the session is read as a record.
export function sessionOf(req: Request): Record<string, unknown> {
  return req.session as unknown as Record<string, unknown>;
}
