// `authpack queue submit|work|status|report`: batch runs on a Redis-backed job queue (BullMQ), with workers on
// many hosts sharing one output folder. See src/queue/.
// Each command loads only its own part: a worker's main thread routes jobs and never reads a case, so `queue work`
// starts without the validation code that `queue submit` needs (about a third less CPU at every worker's start).
import { ExitCode } from '../../diagnostics/errors.js';
import { redisTarget, type RedisFlags } from '../../queue/redis-connection.js';
import type { RunStatus } from '../../queue/run-status.js';
import type { CommandContext } from '../program.js';
import { batchGenerateOptions, type PacketFlags } from './batch-options.js';

export interface QueueFlags extends RedisFlags {
  queue?: string;
}

export interface SubmitFlags extends QueueFlags, PacketFlags {
  output: string;
  names?: string;
  overwrite?: boolean;
  attempts?: number;
}

export async function queueSubmitCommand(inputs: string[], opts: SubmitFlags, { io, reporter }: CommandContext): Promise<number> {
  const redis = redisTarget(opts);
  const { submitRun } = await import('../../queue/submit.js');
  const s = await submitRun({
    inputs,
    redis,
    ...(opts.queue ? { queue: opts.queue } : {}),
    output: opts.output,
    ...(opts.names ? { names: opts.names } : {}),
    overwrite: opts.overwrite ?? false,
    ...(opts.attempts ? { attempts: opts.attempts } : {}),
    generate: batchGenerateOptions(opts),
  });
  const line = `authpack queue submit: run ${s.runId}: ${s.total} cases; ${s.queued} queued, ${s.invalid} invalid (reported failed, not queued), ${s.already} already queued or finished; Redis ${redis.shown}`;
  // --format json: the summary is an info diagnostic (`data`) among the others on stdout; else the run id alone.
  if (reporter.format === 'json') reporter.diagnostics([{ code: 'queue/submitted', severity: 'info', message: line, data: { ...s } }]);
  else io.out(s.runId);
  reporter.status(line);
  return ExitCode.ok;
}

export interface WorkFlags extends QueueFlags {
  concurrency?: number;
  caseTimeout?: number;
  stallTimeout?: number;
  quiet?: boolean;
}

export async function queueWorkCommand(opts: WorkFlags, { reporter }: CommandContext): Promise<number> {
  const redis = redisTarget(opts);
  const counts = { ok: 0, failed: 0 };
  let lastLine = 0;
  const started = performance.now();
  const { startWorker } = await import('../../queue/work.js');
  const worker = await startWorker({
    redis,
    ...(opts.queue ? { queue: opts.queue } : {}),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    ...(opts.caseTimeout ? { caseTimeoutMs: opts.caseTimeout * 1000 } : {}),
    ...(opts.stallTimeout ? { stallMs: opts.stallTimeout * 1000 } : {}),
    onDiagnostic: (d) => reporter.diagnostics([d]),
    onFinished: (status) => {
      if (status === 'ok') counts.ok++;
      else counts.failed++;
      if (!opts.quiet && performance.now() - lastLine > 10_000) {
        lastLine = performance.now();
        const seconds = (performance.now() - started) / 1000;
        reporter.status(`authpack queue work: ${counts.ok} written, ${counts.failed} failed in ${seconds.toFixed(0)} s`);
      }
    },
  });
  if (!opts.quiet) reporter.status(`authpack queue work: ${worker.concurrency} render thread${worker.concurrency === 1 ? '' : 's'} on queue "${opts.queue ?? 'authpack'}" at ${redis.shown}; SIGTERM or Ctrl-C finishes the jobs in progress, then stops.`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => resolve(s));
  });
  if (!opts.quiet) reporter.status(`authpack queue work: ${signal}: finishing the jobs in progress, then stopping.`);
  await worker.close();
  if (!opts.quiet) reporter.status(`authpack queue work: stopped; ${counts.ok} written, ${counts.failed} failed.`);
  return ExitCode.ok;
}

export interface StatusFlags extends QueueFlags {
  wait?: boolean;
  timeout?: number;
}

export async function queueStatusCommand(runId: string, opts: StatusFlags, { io, reporter }: CommandContext): Promise<number> {
  const redis = redisTarget(opts);
  const line = (s: RunStatus) => `${s.runId}: ${s.waiting} waiting, ${s.active} active, ${s.done} done, ${s.failed} failed of ${s.total}${s.finished ? ' (finished)' : ''}`;
  const print = (s: RunStatus) => (reporter.format === 'json' ? reporter.diagnostics([{ code: 'queue/status', severity: 'info', message: line(s), data: { ...s } }]) : io.out(line(s)));
  const options = { redis, ...(opts.queue ? { queue: opts.queue } : {}) };
  const { runStatus, waitForRun } = await import('../../queue/run-status.js');
  if (!opts.wait) {
    print(await runStatus(runId, options));
    return ExitCode.ok;
  }
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  try {
    const s = await waitForRun(runId, { ...options, signal: stop.signal, ...(opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}), onChange: (c) => !c.finished && reporter.status(line(c)) });
    print(s);
    if (!s.finished) return stop.signal.aborted ? ExitCode.interrupted : ExitCode.batchPartial;
    return s.failed > 0 ? ExitCode.batchPartial : ExitCode.ok;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

export interface ReportFlags extends QueueFlags {
  output: string;
}

export async function queueReportCommand(runId: string, opts: ReportFlags, { reporter }: CommandContext): Promise<number> {
  const redis = redisTarget(opts);
  const { writeRunReport } = await import('../../queue/run-status.js');
  const { rows } = await writeRunReport(runId, opts.output, { redis, ...(opts.queue ? { queue: opts.queue } : {}) });
  const failed = rows.filter((r) => r.status !== 'ok');
  for (const row of failed) reporter.diagnostics(row.errors.map((e) => ({ code: e.code, severity: 'error' as const, message: `${row.input}${row.caseId ? ` (case ${row.caseId})` : ''}: ${e.message}` })));
  reporter.status(`authpack queue report: ${rows.length - failed.length} written, ${failed.length} failed of ${rows.length} cases; report: ${opts.output}/report.json, report.csv`);
  return failed.length ? ExitCode.batchPartial : ExitCode.ok;
}
