// Serves the workbench page and its bundled assets from dist/workbench/ (built by `npm run build`): index.html at /,
// files under /assets/, with their content types; nothing outside that folder is reachable.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';
import { HttpError } from './http-error.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>authpack</title></head><body><h1>authpack</h1><p>The workbench is not built into this copy of authpack (run <code>npm run build</code>). The API is at <a href="/openapi.json">/openapi.json</a>.</p></body></html>';

export function workbenchFiles(root: string) {
  const base = existsSync(root) ? realpathSync(root) : root;
  return {
    index(c: Context): Response {
      const file = path.join(base, 'index.html');
      if (!existsSync(file)) return c.html(NOT_BUILT);
      return c.body(readFileSync(file), 200, { 'Content-Type': TYPES['.html']! });
    },
    asset(c: Context): Response {
      const rel = c.req.path.replace(/^\/assets\//, ''); // Hono has already decoded the path.
      const full = path.resolve(base, 'assets', rel);
      const inside = full.startsWith(path.join(base, 'assets') + path.sep) && !rel.includes('\0');
      const real = inside && existsSync(full) ? realpathSync(full) : undefined;
      if (!real || !real.startsWith(base + path.sep) || !statSync(real).isFile()) throw new HttpError(404, 'serve/not-found', `No asset ${c.req.path.slice(0, 120)}.`);
      return c.body(readFileSync(real), 200, { 'Content-Type': TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    },
  };
}
