// Check for lesson 04, exercise 1: a NotFoundError class, exported from
// src/errors.ts, that the error handler answers like createError(404, message).
import { errorHandler } from '@forum-lessons/error-handler';
import express from 'express';
import createError from 'http-errors';
import request from 'supertest';
import { expect } from 'vitest';
import { expectation, importExport } from '../../expectation.ts';

type ErrorClass = new (message: string) => Error;
const file = '../../../../lessons/04-error-handling/src/errors.ts';

async function loadNotFoundError(): Promise<ErrorClass> {
  return importExport<ErrorClass>(() => import(/* @vite-ignore */ new URL(file, import.meta.url).href), 'src/errors.ts', 'NotFoundError');
}

/** An app whose one route throws what `make` returns, answered by the lesson's error handler. */
function appThrowing(make: () => Error) {
  const app = express();
  app.get('/users/7', () => {
    throw make();
  });
  app.use(errorHandler({ log: () => {} }));
  return app;
}

expectation(
  'src/errors.ts exports a NotFoundError class whose instances are Errors',
  'Create src/errors.ts with export class NotFoundError extends Error { … }.',
  async () => {
    const NotFoundError = await loadNotFoundError();

    expect(new NotFoundError('User 7 not found')).toBeInstanceOf(Error);
  },
);

expectation(
  'throwing it answers 404 with the message, exactly like createError(404, message)',
  'The error handler shows the message only for an error that says it is for the client: status and statusCode equal, and expose: true.',
  async () => {
    const NotFoundError = await loadNotFoundError();
    const ours = await request(appThrowing(() => new NotFoundError('User 7 not found'))).get('/users/7');
    const theirs = await request(appThrowing(() => createError(404, 'User 7 not found'))).get('/users/7');

    expect(ours.status).toBe(404);
    expect(ours.headers['content-type']).toBe(theirs.headers['content-type']);
    expect(ours.body).toEqual(theirs.body);
  },
);
