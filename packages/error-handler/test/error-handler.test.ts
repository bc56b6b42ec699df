import express from 'express';
import createError from 'http-errors';
import request from 'supertest';
import { afterEach, expect, test, vi } from 'vitest';
import { errorHandler } from '../src/index.ts';
import { appWith } from './helpers.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

test('an http-error 4xx answers its status and its message', async () => {
  const { app, logs } = appWith((app) =>
    app.get('/posts/:id', () => {
      throw createError(404, 'Post not found');
    }),
  );

  const res = await request(app).get('/posts/42?x=1');

  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(res.body).toEqual({
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: 'Post not found',
    instance: '/posts/42',
  });
  expect(logs).toEqual([]);
});

test('a rejected promise in an async handler reaches the error handler', async () => {
  const { app } = appWith((app) =>
    app.get('/me', async () => {
      await Promise.resolve();
      throw createError(401, 'You must be logged in');
    }),
  );

  const res = await request(app).get('/me');

  expect(res.status).toBe(401);
  expect(res.body.title).toBe('Unauthorized');
  expect(res.body.detail).toBe('You must be logged in');
});

test('a plain Error answers 500 with a generic detail and logs the error', async () => {
  const boom = new Error('SELECT * FROM users failed at /srv/app/db.ts');
  const { app, logs } = appWith((app) =>
    app.get('/boom', () => {
      throw boom;
    }),
  );

  const res = await request(app).get('/boom?secret=1');

  expect(res.status).toBe(500);
  expect(res.body).toEqual({
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'Something went wrong on our side.',
    instance: '/boom',
  });
  expect(res.text).not.toContain('SELECT');
  expect(res.text).not.toContain('/srv/app');
  expect(logs).toEqual([{ level: 'error', status: 500, method: 'GET', path: '/boom', error: boom }]);
});

test('an http-error 5xx keeps its status but never its message', async () => {
  const { app, logs } = appWith((app) =>
    app.get('/upstream', () => {
      throw createError(502, 'payments.internal:8443 refused the connection', { expose: true });
    }),
  );

  const res = await request(app).get('/upstream');

  expect(res.status).toBe(502);
  expect(res.body.title).toBe('Bad Gateway');
  expect(res.body.detail).toBe('Something went wrong on our side.');
  expect(logs).toHaveLength(1);
});

test('a 503 tells the client to try again later and keeps Retry-After', async () => {
  const { app } = appWith((app) =>
    app.get('/ready', () => {
      throw createError(503, 'database is restarting', { headers: { 'Retry-After': '30' } });
    }),
  );

  const res = await request(app).get('/ready');

  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBe('30');
  expect(res.body.detail).toBe('The service is unavailable right now. Try again later.');
});

test('a 429 keeps its message and its Retry-After header', async () => {
  const { app } = appWith((app) =>
    app.post('/login', () => {
      throw createError(429, 'Too many login attempts. Try again in a minute.', { headers: { 'Retry-After': '60' } });
    }),
  );

  const res = await request(app).post('/login');

  expect(res.status).toBe(429);
  expect(res.headers['retry-after']).toBe('60');
  expect(res.body.detail).toBe('Too many login attempts. Try again in a minute.');
});

test('err.headers cannot replace the problem+json content type', async () => {
  const { app } = appWith((app) =>
    app.get('/x', () => {
      throw createError(400, 'Bad', { headers: { 'Content-Type': 'text/html', 'Content-Length': '1', 'X-Extra': 'yes' } });
    }),
  );

  const res = await request(app).get('/x');

  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(res.headers['x-extra']).toBe('yes');
  expect(res.body.detail).toBe('Bad');
});

test('err.status on an error that is not an http-error sets the status, not the message', async () => {
  const { app } = appWith((app) =>
    app.get('/x', () => {
      throw Object.assign(new Error('row 17 of table secrets is missing'), { status: 404 });
    }),
  );

  const res = await request(app).get('/x');

  expect(res.status).toBe(404);
  expect(res.body.detail).toBe('The requested resource was not found');
});

test('a path parameter that is not valid percent-encoding answers 400 saying so', async () => {
  const { app, logs } = appWith((app) => app.get('/users/:id', (_req, res) => res.json({})));

  const res = await request(app).get('/users/%E0%A4%A');

  expect(res.status).toBe(400);
  expect(res.body.detail).toBe('Malformed percent-encoding in the request path');
  expect(logs).toEqual([]);
});

test('err.statusCode is read too', async () => {
  const { app } = appWith((app) =>
    app.get('/x', () => {
      throw Object.assign(new Error('internal words'), { statusCode: 422 });
    }),
  );

  const res = await request(app).get('/x');

  expect(res.status).toBe(422);
  expect(res.body.title).toBe('Unprocessable Entity');
  expect(res.body.detail).toBe('The request could not be processed');
});

test('an http-error created with expose: false keeps its message on the server', async () => {
  const { app } = appWith((app) =>
    app.get('/x', () => {
      throw createError(403, 'user 12 lacks permission posts.delete', { expose: false });
    }),
  );

  const res = await request(app).get('/x');

  expect(res.status).toBe(403);
  expect(res.body.detail).toBe('The request could not be processed');
});

test.each([
  ['a status below 400', { status: 302 }],
  ['a status above 599', { status: 600 }],
  ['a status that is not an integer', { status: 404.5 }],
  ['a status given as a string', { status: '404' }],
])('%s answers 500', async (_name, fields) => {
  const { app, logs } = appWith((app) =>
    app.get('/x', () => {
      throw Object.assign(new Error('odd'), fields);
    }),
  );

  const res = await request(app).get('/x');

  expect(res.status).toBe(500);
  expect(logs).toHaveLength(1);
});

test.each([
  ['a string', 'oops'],
  ['a number', 42],
  ['an object without a status', { reason: 'nope' }],
])('throwing %s answers 500', async (_name, value) => {
  const { app, logs } = appWith((app) =>
    app.get('/x', () => {
      throw value;
    }),
  );

  const res = await request(app).get('/x');

  expect(res.status).toBe(500);
  expect(res.body.detail).toBe('Something went wrong on our side.');
  expect(logs[0]!.error).toBe(value);
});

test('the body carries req.id as requestId, and the log entry too', async () => {
  const { app, logs } = appWith((app) => {
    app.use((req, _res, next) => {
      (req as unknown as { id: string }).id = 'req-123';
      next();
    });
    app.get('/boom', () => {
      throw new Error('boom');
    });
  });

  const notFound = await request(app).get('/nope');
  const failed = await request(app).get('/boom');

  expect(notFound.body.requestId).toBe('req-123');
  expect(failed.body.requestId).toBe('req-123');
  expect(logs[0]!.requestId).toBe('req-123');
});

test('a HEAD request gets the status and headers but no body', async () => {
  const { app } = appWith((app) =>
    app.get('/posts/:id', () => {
      throw createError(404, 'Post not found');
    }),
  );

  const res = await request(app).head('/posts/1');

  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(res.text).toBeUndefined();
});

test('when the answer has already started, the error goes on to Express, which closes the connection', async () => {
  const failure = new Error('failed half-way');
  const logs: unknown[] = [];
  let passedOn: unknown;
  const app = express();
  app.get('/stream', (_req, res, next) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.write('partial ');
    next(failure);
  });
  app.use(errorHandler({ log: (entry) => logs.push(entry) }));
  // Stands in for Express's default handler to see what reaches it, then
  // does what that handler does with a started answer.
  app.use((err: unknown, req: express.Request, _res: express.Response, _next: express.NextFunction) => {
    passedOn = err;
    req.socket.destroy();
  });

  const outcome = await request(app)
    .get('/stream')
    .then(() => 'completed')
    .catch((error: Error) => error.message);

  expect(passedOn).toBe(failure);
  expect(outcome).toMatch(/^(aborted|socket hang up)$/);
  expect(logs).toEqual([]);
});

test('4xx answers are not logged unless logClientErrors is on; then at level warn', async () => {
  const quiet = appWith((app) =>
    app.get('/x', () => {
      throw createError(409, 'Taken');
    }),
  );
  const loud = appWith(
    (app) =>
      app.get('/x', () => {
        throw createError(409, 'Taken');
      }),
    { logClientErrors: true },
  );

  await request(quiet.app).get('/x');
  await request(loud.app).get('/x?q=1');

  expect(quiet.logs).toEqual([]);
  expect(loud.logs).toEqual([{ level: 'warn', status: 409, method: 'GET', path: '/x', error: expect.any(Error) }]);
});

test('the default logger writes one line to console.error with method, path, request id and the error', async () => {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => {
    lines.push(line);
  });
  const app = express();
  app.use((req, _res, next) => {
    (req as unknown as { id: string }).id = 'abc';
    next();
  });
  app.get('/boom', () => {
    throw new TypeError('x is not a function');
  });
  app.use(errorHandler());

  await request(app).get('/boom?token=secret');
  spy.mockClear(); // the calls above were expected; the shared setup fails a test on any left over

  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^500 GET \/boom request_id=abc TypeError: x is not a function \(at .+error-handler\.test\.ts:\d+:\d+\)$/);
  expect(lines[0]).not.toContain('secret');
});

test('the default logger writes 4xx to console.warn when logClientErrors is on', async () => {
  const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const app = express();
  app.get('/x', () => {
    throw createError(400, 'Bad');
  });
  app.use(errorHandler({ logClientErrors: true }));

  await request(app).get('/x');

  expect(spy).toHaveBeenCalledTimes(1);
  expect(spy.mock.calls[0]![0]).toMatch(/^400 GET \/x BadRequestError: Bad/);
});

test('exposeStack adds the stack to 5xx bodies, not to 4xx', async () => {
  const { app } = appWith(
    (app) => {
      app.get('/boom', () => {
        throw new Error('boom');
      });
      app.get('/bad', () => {
        throw createError(400, 'Bad');
      });
    },
    { exposeStack: true },
  );

  const failed = await request(app).get('/boom');
  const bad = await request(app).get('/bad');

  expect(failed.body.detail).toBe('Something went wrong on our side.');
  expect(failed.body.stack).toMatch(/^Error: boom\n\s+at /);
  expect(bad.body).not.toHaveProperty('stack');
});

test('without exposeStack no stack or file path reaches the client', async () => {
  const { app } = appWith((app) =>
    app.get('/boom', () => {
      throw new Error('boom');
    }),
  );

  const res = await request(app).get('/boom');

  expect(res.body).not.toHaveProperty('stack');
  expect(res.text).not.toMatch(/\.ts:\d+/);
});

test('exposeStack: true is refused when NODE_ENV is production', () => {
  vi.stubEnv('NODE_ENV', 'production');

  expect(() => errorHandler({ exposeStack: true })).toThrow(
    new TypeError(
      'errorHandler(): option "exposeStack" must not be true when NODE_ENV is "production": stack traces would reach clients',
    ),
  );
  expect(() => errorHandler({ exposeStack: false })).not.toThrow();
});

test('a logger that throws does not stop the answer; the entry goes to console.error instead', async () => {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  const { app } = appWith(
    (app) =>
      app.get('/boom', () => {
        throw new Error('boom');
      }),
    {
      log: () => {
        throw new Error('log sink is down');
      },
    },
  );

  const res = await request(app).get('/boom');

  expect(res.status).toBe(500);
  expect(res.body.detail).toBe('Something went wrong on our side.');
  expect(spy.mock.calls.map((call) => String(call[0]))).toEqual([
    expect.stringMatching(/^500 GET \/boom Error: boom/),
  ]);
  spy.mockClear();
});
