// Starts the server: checks that a token guards any address other than loopback, starts the render pool (or, with
// `redis`, connects to the job queue instead: then this process renders nothing), listens, and on close (SIGTERM)
// refuses new requests, lets those in flight finish, then stops the pool.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { WORKER_HEAP } from '../batch/worker-limits.js';
import { workerCount } from '../batch/concurrency.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { UsageError } from '../diagnostics/errors.js';
import { packageRoot } from '../package-root.js';
import { DEFAULT_QUEUE as DEFAULT_QUEUE_NAME } from '../queue/queue-job.js';
import type { RedisTarget } from '../queue/redis-connection.js';
import { createApp } from './create-app.js';
import { QueueRenderer } from './queue-renderer.js';
import { RenderPool } from './render-pool.js';
import type { Renderer } from './renderer.js';
import { stderrLog, type Log } from './request-log.js';

export interface ServeOptions {
  port: number;
  host: string;
  token?: string;
  /** Render workers (default: every core the memory allows, as batch). */
  workers?: number;
  /** Renders that may wait for a worker (default 32); with `redis`, renders this server may have in the queue at once. */
  queue?: number;
  /** Render through the job queue on this Redis (`authpack queue work` processes render) instead of a local pool. */
  redis?: RedisTarget;
  /** The queue's name (default authpack). */
  queueName?: string;
  /** With `redis`: a folder every queue worker sees at the same path; each request's files pass through it. */
  shared?: string;
  maxBodyBytes: number;
  renderTimeoutMs: number;
  payerDirs?: string[];
  templateDirs?: string[];
  date?: string;
  log?: Log;
  /** Where the workbench files are (default: dist/workbench of this package). */
  workbenchDir?: string;
  onDiagnostic?: (d: Diagnostic) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Local render workers (0 with `redis`). */
  workers: number;
  /** Where packets are rendered: this server's pool, or the job queue. */
  renders: 'local' | 'queue';
  /** Stops taking requests, lets those in flight finish (at most `graceMs`), then stops the workers. */
  close(graceMs?: number): Promise<void>;
}

export const DEFAULT_QUEUE = 32;

/** 127.0.0.0/8, ::1 and `localhost`: only this machine can connect. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  if (!isLoopback(o.host) && !o.token) {
    throw new UsageError([
      { code: 'serve/token-required', severity: 'error', message: `--host ${o.host} lets other machines connect, and the server handles patient data: it needs an access token.`, hint: 'Give one with --token-file FILE or the AUTHPACK_TOKEN variable, or leave --host at 127.0.0.1.' },
    ]);
  }
  const { pool, workers } = await openRenderer(o);
  const emptyDir = mkdtempSync(path.join(tmpdir(), 'authpack-serve-'));
  let draining = false;
  const app = createApp({
    pool,
    ...(o.token ? { token: o.token } : {}),
    maxBodyBytes: o.maxBodyBytes,
    payerDirs: o.payerDirs ?? [],
    templateDirs: o.templateDirs ?? [],
    ...(o.date ? { date: o.date } : {}),
    log: o.log ?? stderrLog,
    workbenchDir: o.workbenchDir ?? path.join(packageRoot(), 'dist', 'workbench'),
    emptyDir,
    loopbackOnly: isLoopback(o.host),
    draining: () => draining,
  });

  let server: Server;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: o.port, hostname: o.host }, (info) => resolve(info.port)) as Server;
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, o)));
  }).catch(async (err: unknown) => {
    await pool.close();
    rmSync(emptyDir, { recursive: true, force: true });
    throw err;
  });
  // A slow client may not hold a connection open forever; renders have their own limit.
  server!.headersTimeout = 30_000;
  server!.requestTimeout = o.renderTimeoutMs + 60_000;

  const shown = o.host.includes(':') ? `[${o.host}]` : o.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shown}:${port}`,
    port,
    workers,
    renders: o.redis ? 'queue' : 'local',
    close(graceMs = o.renderTimeoutMs + 5_000) {
      closing ??= (async () => {
        draining = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        await closed;
        clearTimeout(force);
        await pool.close();
        rmSync(emptyDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

async function openRenderer(o: ServeOptions): Promise<{ pool: Renderer; workers: number }> {
  if (o.redis) {
    if (!o.shared) throw new UsageError([{ code: 'serve/redis-needs-shared', severity: 'error', message: '--redis needs --shared DIR: the request files and packets pass through a folder every queue worker sees.', hint: 'Give --shared with a folder mounted at the same path on this host and every worker host.' }]);
    const pool = await QueueRenderer.open({ redis: o.redis, queue: o.queueName ?? DEFAULT_QUEUE_NAME, shared: o.shared, limit: Math.max(1, o.queue ?? DEFAULT_QUEUE), timeoutMs: o.renderTimeoutMs });
    return { pool, workers: 0 };
  }
  const { count: workers, warning } = workerCount(o.workers, WORKER_HEAP);
  if (warning) o.onDiagnostic?.({ ...warning, code: 'serve/workers-capped', message: warning.message.replace('--concurrency', '--workers') });
  return { pool: new RenderPool({ workers, queue: o.queue ?? DEFAULT_QUEUE, timeoutMs: o.renderTimeoutMs }), workers };
}

function listenError(err: NodeJS.ErrnoException, o: ServeOptions): Error {
  const why = err.code === 'EADDRINUSE' ? `port ${o.port} is already in use` : err.code === 'EADDRNOTAVAIL' ? `${o.host} is not an address of this machine` : err.code === 'EACCES' ? `port ${o.port} needs privileges` : `${err.code ?? err.message}`;
  return new UsageError([{ code: 'serve/cannot-listen', severity: 'error', message: `The server cannot listen on ${o.host}:${o.port}: ${why}.`, hint: 'Choose another --port (or --host).' }]);
}
