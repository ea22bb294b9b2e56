// One log line per request, with no case data: time, request id, method, path (never the query), status and
// duration, as JSON on stderr. A failure is logged under the request id the client receives.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export type Log = (entry: Record<string, unknown>) => void;

export const stderrLog: Log = (entry) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);

export function requestLog(log: Log): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async (c, next) => {
    const start = performance.now();
    const id = randomUUID();
    c.set('requestId', id);
    c.header('Request-Id', id);
    await next();
    log({ id, method: c.req.method, path: c.req.path.slice(0, 200), status: c.res.status, ms: Math.round(performance.now() - start) });
  };
}
