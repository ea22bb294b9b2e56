// `authpack serve`: the workbench and the HTTP API on one port, loopback by default; runs until SIGINT/SIGTERM,
// then finishes the requests in flight and exits 0.
import { readFileSync } from 'node:fs';
import { ExitCode, UsageError } from '../../diagnostics/errors.js';
import { startServer } from '../../serve/start-server.js';
import type { CommandContext } from '../program.js';

export interface ServeFlags {
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
}

export async function serveCommand(opts: ServeFlags, { io, reporter }: CommandContext): Promise<number> {
  const token = readToken(opts.tokenFile);
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
    onDiagnostic: (d) => reporter.diagnostics([d]),
  });
  io.err(`authpack serve: workbench at ${server.url}/ , API at ${server.url}/v1 (documented at ${server.url}/openapi.json); ${server.workers} render worker${server.workers === 1 ? '' : 's'}${token ? ', token required' : ''}. Ctrl-C stops.`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => resolve(s));
  });
  io.err(`authpack serve: ${signal}: finishing the requests in flight, then stopping.`);
  await server.close();
  return ExitCode.ok;
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
