// A small app around one router, on a fresh in-memory database.
import type { Database } from 'better-sqlite3';
import express, { type Express, type Router } from 'express';
import { onTestFinished } from 'vitest';
import { openDatabase } from '../../../lessons/03-routers-and-sqlite/src/db.ts';

export function appWith(createRouter: (deps: { db: Database }) => Router): { app: Express; db: Database } {
  const db = openDatabase(':memory:');
  onTestFinished(() => {
    db.close();
  });
  const app = express();
  app.use(express.json({ limit: '10kb' }));
  app.use('/api/v1/users', createRouter({ db }));
  return { app, db };
}
