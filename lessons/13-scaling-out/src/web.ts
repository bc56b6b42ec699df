// The web sub-app: the forum page, its stylesheet and its scripts, and the
// HTML answers for a path that does not exist or a request that failed.
// app.ts mounts it last, at /, so it sees every request the API did not take.
import { readFile, stat } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorLogEntry } from '@forum-lessons/error-handler';
import { transform } from 'esbuild';
import express, { type ErrorRequestHandler, type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from './config.ts';

/** The lesson's web/ folder: public/ holds the files served as they are, src/ the page's TypeScript. */
const defaultWebDir = fileURLToPath(new URL('../web', import.meta.url));

export interface WebDeps {
  config: Pick<Config, 'nodeEnv'>;
  /** Every 5xx the page's error handler answers. */
  logError?: (entry: ErrorLogEntry) => void;
  /** Where index.html, styles.css and the scripts are: the lesson's web/ folder unless a test passes another. */
  webDir?: string;
}

// #region create-web
export function createWeb({ config, logError = logToConsole, webDir = defaultWebDir }: WebDeps): Express {
  const web = express();
  web.disable('x-powered-by');
  web.set('env', config.nodeEnv);

  // #region static
  // index.html and styles.css, as they are on disk. The file names carry no
  // hash of their content, so a browser may keep a copy but must ask before
  // using it (`no-cache`); the ETag and Last-Modified that express.static
  // sends make that question cheap: 304 Not Modified, no body.
  web.use(
    express.static(join(webDir, 'public'), {
      index: 'index.html',
      // A file name that starts with a dot (.env, .git) is never served.
      dotfiles: 'ignore',
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  // #endregion static

  // The page's code is TypeScript in web/src; the browser asks for
  // /js/main.js and gets web/src/main.ts turned into JavaScript.
  web.get('/js/:file', typeScriptModules(join(webDir, 'src')));

  // #region web-end
  // The page's own end of the chain: HTML, for a person reading a browser tab.
  web.use(notFoundPage);
  web.use(errorPage(logError));
  // #endregion web-end

  return web;
}
// #endregion create-web

// #region typescript-modules
/**
 * Serves web/src/NAME.ts as /js/NAME.js, with its types removed by esbuild
 * (the same tool tsx uses to run the server's TypeScript). Nothing is
 * bundled: each file stays an ES module, and the browser fetches what it
 * imports (`import { api } from './api.js'`) as another request here.
 * The result is kept until the file changes on disk, so an edit shows on the
 * next reload, without a build step or a restart.
 */
function typeScriptModules(sourceDir: string): RequestHandler {
  const compiled = new Map<string, { mtimeMs: number; code: string }>();

  return async (req: Request, res: Response, next: NextFunction) => {
    // Only plain names: no folders, no dots, so no way out of sourceDir.
    const name = /^([a-z][a-z0-9-]*)\.js$/.exec(String(req.params.file))?.[1];
    if (name === undefined) return next();
    const file = join(sourceDir, `${name}.ts`);
    const info = await stat(file).catch(() => undefined);
    if (info === undefined || !info.isFile()) return next();

    let entry = compiled.get(file);
    if (entry === undefined || entry.mtimeMs !== info.mtimeMs) {
      const source = await readFile(file, 'utf8');
      const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: `${name}.ts` });
      entry = { mtimeMs: info.mtimeMs, code };
      compiled.set(file, entry);
    }
    // res.send() adds an ETag and answers 304 when the browser's copy matches.
    res.type('text/javascript').set('Cache-Control', 'no-cache').send(entry.code);
  };
}
// #endregion typescript-modules

// #region html-pages
/** A path the page does not have: a 404 in HTML, with a way back. */
function notFoundPage(req: Request, res: Response): void {
  res.status(404).type('html').send(htmlPage(404, 'There is no page at this address.', req));
}

/**
 * Any error on the page's side (a malformed URL, a file that cannot be read):
 * the status and a sentence, never the error's message or stack, which are
 * for the log.
 */
function errorPage(logError: (entry: ErrorLogEntry) => void): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = statusOf(err);
    if (status >= 500) {
      logError({ level: 'error', status, method: req.method, path: req.originalUrl.split('?')[0] ?? '/', error: err, requestId: String(req.id) });
    }
    res.status(status).type('html').send(htmlPage(status, status >= 500 ? 'Something went wrong on our side.' : 'The browser sent a request this page cannot answer.', req));
  };
}

function statusOf(err: unknown): number {
  const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status ?? (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}

function htmlPage(status: number, sentence: string, req: Request): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Forum</title>
<link rel="stylesheet" href="/styles.css">
</head>
<body>
<main class="error-page">
<h1>${title}</h1>
<p>${sentence}</p>
<p><a href="/">Back to the forum</a></p>
<p class="request-id">Request id: <code>${escapeHtml(String(req.id ?? ''))}</code></p>
</main>
</body>
</html>
`;
}
// #endregion html-pages

/** The request id comes from a header a client can set: escape it like any text. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function logToConsole(entry: ErrorLogEntry): void {
  console.error(`${entry.method} ${entry.path} -> ${entry.status}`, entry.error);
}

