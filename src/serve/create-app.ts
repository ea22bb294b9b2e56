// The HTTP app (Hono): request log and security headers on every answer, the token on /v1, the body limit, the
// routes, and one error shape for every failure. The routes call the same functions as the CLI.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PacketError } from '../diagnostics/errors.js';
import { formatBytes } from '../load/limits.js';
import { bearerToken } from './bearer-token.js';
import { caseRoutes } from './case-routes.js';
import { errorBody, fromPacketError, HttpError } from './http-error.js';
import { loopbackHost } from './loopback-host.js';
import { referenceRoutes } from './reference-routes.js';
import type { Renderer } from './renderer.js';
import { requestLog, type Log } from './request-log.js';
import { securityHeaders } from './security-headers.js';
import { workbenchFiles } from './workbench-files.js';

export interface AppOptions {
  /** The server's render pool, or the job queue (`serve --redis`). */
  pool: Renderer;
  /** When set, every /v1 request must carry it as a bearer token. */
  token?: string;
  /** Largest request body, attachments included. */
  maxBodyBytes: number;
  payerDirs: string[];
  templateDirs: string[];
  /** A fixed packet date (else SOURCE_DATE_EPOCH, else now, per request). */
  date?: string;
  log: Log;
  /** dist/workbench: index.html and assets/. */
  workbenchDir: string;
  /** An empty private folder: the attachment folder of a case sent without files. */
  emptyDir: string;
  /** Bound to loopback: answer only requests addressed to localhost / 127.0.0.1 / [::1]. */
  loopbackOnly: boolean;
  /** True once shutdown began: new requests are refused. */
  draining: () => boolean;
}

/** Paths and the methods they answer, for 405 with Allow on the others. */
const ROUTES: [RegExp, string][] = [
  [/^\/$/, 'GET'],
  [/^\/healthz$/, 'GET'],
  [/^\/openapi\.json$/, 'GET'],
  [/^\/assets\/.+/, 'GET'],
  [/^\/v1\/(schema|starter|payers|payers\/[^/]+)$/, 'GET'],
  [/^\/v1\/(validate|check|packets|fhir\/import)$/, 'POST'],
];

export function createApp(o: AppOptions): Hono<{ Variables: { requestId: string } }> {
  const app = new Hono<{ Variables: { requestId: string } }>();
  app.use('*', requestLog(o.log));
  app.use('*', securityHeaders());
  if (o.loopbackOnly) app.use('*', loopbackHost());
  app.use('*', async (c, next) => {
    if (o.draining()) {
      c.header('Connection', 'close');
      throw new HttpError(503, 'serve/shutting-down', 'The server is shutting down and takes no new requests.', [], { 'Retry-After': '5' });
    }
    const allowed = ROUTES.find(([re]) => re.test(c.req.path))?.[1];
    if (allowed && c.req.method !== allowed && !(allowed === 'GET' && c.req.method === 'HEAD')) {
      throw new HttpError(405, 'serve/method-not-allowed', `${c.req.path.slice(0, 80)} answers ${allowed} only.`, [], { Allow: allowed });
    }
    await next();
  });
  if (o.token) app.use('/v1/*', bearerToken(o.token));
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: o.maxBodyBytes,
      onError: () => {
        throw new HttpError(413, 'serve/too-large', `The request body is over ${formatBytes(o.maxBodyBytes)}, the most this server reads (attachments included).`, [
          { code: 'serve/too-large', severity: 'error', message: `A request may carry at most ${formatBytes(o.maxBodyBytes)}, the case and its attachment files together.`, hint: 'Send smaller scans (fewer pages, lower resolution), or ask the operator to raise --max-body.' },
        ]);
      },
    }),
  );

  referenceRoutes(app as unknown as Hono, o);
  caseRoutes(app as unknown as Hono, o);
  const files = workbenchFiles(o.workbenchDir);
  app.get('/', (c) => files.index(c));
  app.get('/assets/*', (c) => files.asset(c));

  app.notFound((c) => c.json(errorBody(new HttpError(404, 'serve/not-found', 'No such route; GET /openapi.json lists them.')), 404));
  app.onError((err, c) => {
    const requestId = c.get('requestId');
    let http: HttpError;
    if (err instanceof HttpError) http = err;
    else if (err instanceof PacketError) http = fromPacketError(err);
    else http = new HttpError(500, 'serve/internal-error', 'Internal error (a bug in authpack).');
    if (http.status === 500) {
      // Logged by request id with what the failure was, never its message when it is not ours: an unexpected
      // error's message may quote case data, so only its kind and stack are kept. The worker's internal-error
      // diagnostic carries just that already (render-in-memory.ts).
      const ours = err instanceof HttpError || err instanceof PacketError;
      const detail = ours ? http.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n') : err instanceof Error ? `${err.name}\n${err.stack?.split('\n').slice(1).join('\n') ?? ''}` : typeof err;
      o.log({ id: requestId, level: 'error', status: 500, detail });
      http = new HttpError(500, 'serve/internal-error', `Internal error (a bug in authpack); the server logged it under request id ${requestId}.`);
    }
    for (const [k, v] of Object.entries(http.headers)) c.header(k, v);
    return c.json(errorBody(http, http.status >= 500 ? requestId : undefined), http.status as 400);
  });
  return app;
}
