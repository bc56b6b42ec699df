import express, { type Express } from 'express';
import { errorHandler, notFound, type ErrorHandlerOptions, type ErrorLogEntry } from '../src/index.ts';

/**
 * A fresh app with the routes `setup` adds, then notFound() and
 * errorHandler(). Log entries are collected instead of printed.
 */
export function appWith(
  setup: (app: Express) => void,
  options: ErrorHandlerOptions = {},
): { app: Express; logs: ErrorLogEntry[] } {
  const logs: ErrorLogEntry[] = [];
  const app = express();
  setup(app);
  app.use(notFound());
  app.use(errorHandler({ log: (entry) => logs.push(entry), ...options }));
  return { app, logs };
}
