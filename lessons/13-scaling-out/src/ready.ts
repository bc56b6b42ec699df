import { problem } from '@forum-lessons/error-handler';
import type { RequestHandler } from 'express';
import type { Store } from 'express-session';
import type { Check } from './repositories/sqlite/health.ts';

// #region ready
export interface ReadyDeps {
  /** Can the database be read and written? The repositories' check (repositories/sqlite/health.ts). */
  checkDatabase: () => Promise<Check>;
  sessionStore: Store;
  /** True once a shutdown has begun: the load balancer should send no more requests. */
  shuttingDown?: () => boolean;
  /** How long the session store may take to answer, in milliseconds. */
  storeTimeoutMs?: number;
}

/**
 * `GET /ready`: may this process be sent requests? `/health` says the
 * process answers at all; this says it can do its work: the database can be
 * read and written, and the session store answers. A load balancer stops
 * sending requests to a 503 and keeps the process running; an orchestrator
 * restarts a process whose /health fails.
 */
export function readiness({ checkDatabase, sessionStore, shuttingDown = () => false, storeTimeoutMs = 2000 }: ReadyDeps): RequestHandler {
  return async (req, res) => {
    const checks = {
      database: await checkDatabase(),
      sessions: await checkStore(sessionStore, storeTimeoutMs),
    };
    const failed = Object.entries(checks).filter((entry): entry is [string, { ok: false; problem: string }] => !entry[1].ok);
    res.set('Cache-Control', 'no-store');
    if (shuttingDown()) failed.unshift(['process', { ok: false, problem: 'shutting down' }]);
    if (failed.length === 0) {
      res.json({ status: 'ready', checks });
      return;
    }
    const detail = `Not ready: ${failed.map(([name, check]) => `${name}: ${check.problem}`).join('; ')}`;
    res.status(503).type('application/problem+json').json({ ...problem(503, detail, { instance: '/ready' }), requestId: String(req.id), checks });
  };
}

/** Asks the store for a session that does not exist: the answer must be "none", soon. */
function checkStore(store: Store, timeoutMs: number): Promise<Check> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, problem: `no answer within ${timeoutMs} ms` }), timeoutMs);
    timer.unref();
    try {
      store.get('ready-probe', (error) => {
        clearTimeout(timer);
        resolve(error ? { ok: false, problem: (error as Error).message } : { ok: true });
      });
    } catch (error) {
      clearTimeout(timer);
      resolve({ ok: false, problem: (error as Error).message });
    }
  });
}
// #endregion ready
