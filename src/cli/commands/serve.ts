// `authpack serve`: the workbench and the HTTP API on one port, loopback by default, rendering on its own worker pool
// or, with --redis (or AUTHPACK_REDIS_URL), through the job queue; runs until SIGINT/SIGTERM, then finishes the
// requests in flight and exits 0.
import { readFileSync } from 'node:fs';
import { ExitCode, UsageError } from '../../diagnostics/errors.js';
import { redisTarget, type RedisFlags } from '../../queue/redis-connection.js';
import { startServer } from '../../serve/start-server.js';
import type { CommandContext } from '../program.js';

export interface ServeFlags extends RedisFlags {
  port: number;
  host: string;
  tokenFile?: string;
  workers?: number;
  queue?: number;
  maxBody: number;
  renderTimeout: number;
  payers?: string[];
  templates?: string[];
  date?: string;
  queueName?: string;
  shared?: string;
}

export async function serveCommand(opts: ServeFlags, { io, reporter }: CommandContext): Promise<number> {
  const token = readToken(opts.tokenFile);
  const redis = queueMode(opts);
  const server = await startServer({
    port: opts.port,
    host: opts.host,
    ...(token ? { token } : {}),
    ...(opts.workers ? { workers: opts.workers } : {}),
    ...(opts.queue !== undefined ? { queue: opts.queue } : {}),
    maxBodyBytes: opts.maxBody,
    renderTimeoutMs: opts.renderTimeout,
    payerDirs: opts.payers ?? [],
    templateDirs: opts.templates ?? [],
    ...(opts.date ? { date: opts.date } : {}),
    ...(redis ? { redis, shared: opts.shared!, ...(opts.queueName ? { queueName: opts.queueName } : {}) } : {}),
    onDiagnostic: (d) => reporter.diagnostics([d]),
  });
  const renders = redis ? `renders on the queue "${opts.queueName ?? 'authpack'}" at ${redis.shown} (run \`authpack queue work\` to render)` : `${server.workers} render worker${server.workers === 1 ? '' : 's'}`;
  io.err(`authpack serve: workbench at ${server.url}/ , API at ${server.url}/v1 (documented at ${server.url}/openapi.json); ${renders}${token ? ', token required' : ''}. Ctrl-C stops.`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => resolve(s));
  });
  io.err(`authpack serve: ${signal}: finishing the requests in flight, then stopping.`);
  await server.close();
  return ExitCode.ok;
}

/** The Redis to render through (--redis or AUTHPACK_REDIS_URL), or undefined for the local pool; flags that belong to one mode only are refused in the other. */
function queueMode(opts: ServeFlags): ReturnType<typeof redisTarget> | undefined {
  const fromEnv = !opts.redis && !!process.env.AUTHPACK_REDIS_URL;
  const usage = (code: string, message: string, hint: string) => new UsageError([{ code, severity: 'error', message, hint }]);
  if (!opts.redis && !fromEnv) {
    const stray = opts.shared !== undefined ? '--shared' : opts.queueName !== undefined ? '--queue-name' : opts.redisCa !== undefined ? '--redis-ca' : undefined;
    if (stray) throw usage('serve/queue-flag-without-redis', `${stray} is for rendering through the job queue, which needs --redis.`, 'Add --redis URL (or set AUTHPACK_REDIS_URL), or leave the flag out to render on this server.');
    return undefined;
  }
  const given = fromEnv ? 'AUTHPACK_REDIS_URL' : '--redis';
  if (opts.shared === undefined) throw usage('serve/redis-needs-shared', `${given} needs --shared DIR: with --redis the request files and packets pass through a folder every queue worker sees.`, 'Add --shared with a folder mounted at the same path on this host and every worker host.');
  if (opts.workers !== undefined) throw usage('serve/workers-with-redis', `--workers sets this server's render threads, but with ${given} the queue's workers render (\`authpack queue work --concurrency N\`).`, 'Leave --workers out, or leave out --redis to render on this server.');
  return redisTarget(opts);
}

/** The token: --token-file (its first line), else AUTHPACK_TOKEN; never a command-line value (`ps` shows those). */
function readToken(file: string | undefined): string | undefined {
  if (file === undefined) return process.env.AUTHPACK_TOKEN?.trim() || undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError([{ code: 'serve/token-file', severity: 'error', message: `The token file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, hint: 'Check the path and that you may read it.' }]);
  }
  const token = text.split(/\r?\n/)[0]!.trim();
  if (token.length < 16 || /\s/.test(token)) {
    throw new UsageError([{ code: 'serve/token-file', severity: 'error', message: `The token in ${file} is ${token ? 'shorter than 16 characters or has spaces' : 'empty'}.`, hint: 'Put a long random token on its first line, e.g. `openssl rand -hex 32 > token`.' }]);
  }
  return token;
}
