// The access token: when the server has one, every /v1 request and /openapi.json must carry it as
// `Authorization: Bearer <token>` (401 otherwise). Compared in constant time, over hashes so lengths do not leak.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './http-error.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function bearerToken(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      throw new HttpError(401, 'serve/unauthorized', header ? 'The access token is not the one this server was started with.' : 'This server needs an access token.', [
        { code: 'serve/unauthorized', severity: 'error', message: 'Requests to this server carry its access token.', hint: 'Send `Authorization: Bearer <token>` with the token the server was started with (--token-file or AUTHPACK_TOKEN).' },
      ], { 'WWW-Authenticate': 'Bearer realm="authpack"' });
    }
    await next();
  };
}
