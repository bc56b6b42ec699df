// A small app around one users router, on a fresh in-memory database, with
// lesson 04's end of the chain so failures answer in the error format.
import { errorHandler, notFound } from '@forum-lessons/error-handler';
import type { Database } from 'better-sqlite3';
import express, { type Express, type Router } from 'express';
import { onTestFinished } from 'vitest';
import { openDatabase } from '../../../lessons/05-validation/src/db.ts';

export function appWith(createRouter: (deps: { db: Database }) => Router): { app: Express; db: Database } {
  const db = openDatabase(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const app = express();
  app.use(express.json({ limit: '10kb' }));
  app.use('/api/v1/users', createRouter({ db }));
  app.use(notFound());
  app.use(errorHandler({ log: () => {} }));
  return { app, db };
}
