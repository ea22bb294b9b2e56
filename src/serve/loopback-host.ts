// On loopback, only requests addressed to this machine by name are answered: a web page elsewhere that rebinds its
// own host name to 127.0.0.1 (DNS rebinding) would otherwise reach the API as if it were the workbench.
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './http-error.js';

const LOCAL = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

export function loopbackHost(): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? '';
    if (!LOCAL.test(host)) {
      throw new HttpError(403, 'serve/host-not-allowed', 'This server answers requests addressed to localhost or 127.0.0.1 only.', [
        { code: 'serve/host-not-allowed', severity: 'error', message: `The request was addressed to ${JSON.stringify(host.slice(0, 80))}, not to this machine's loopback address.`, hint: 'Open http://127.0.0.1:PORT/ (or localhost); to serve other machines, start the server with --host and a token.' },
      ]);
    }
    await next();
  };
}
