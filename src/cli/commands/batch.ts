// `authpack batch INPUT... -o OUTDIR`: many cases on all cores, with progress, a run report, and --resume.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { constants } from 'node:os';
import { SingleBar } from 'cli-progress';
import { ExitCode } from '../../diagnostics/errors.js';
import { TEMP_DIR } from '../../batch/own-files.js';
import { runBatch } from '../../batch/run-batch.js';
import type { CommandContext } from '../program.js';
import { batchGenerateOptions, type PacketFlags } from './batch-options.js';

export interface BatchFlags extends PacketFlags {
  output: string;
  concurrency?: number;
  names?: string;
  resume?: boolean;
  overwrite?: boolean;
  quiet?: boolean;
  caseTimeout?: number;
}

/** After a second Ctrl-C, the longest the run may take to cancel its workers before the process simply exits. */
const HARD_STOP_MS = 2_000;
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export async function batchCommand(inputs: string[], opts: BatchFlags, { reporter }: CommandContext): Promise<number> {
  const tty = process.stderr.isTTY === true && !opts.quiet && reporter.format === 'human';
  const bar = tty ? new SingleBar({ format: 'authpack batch {bar} {percentage}% | {value}/{total} cases | {rate}/s | failed {failed} | ETA {eta_formatted}', stream: process.stderr, hideCursor: true }) : undefined;
  const started = performance.now();
  let lastLine = 0;
  const stop = new AbortController();
  const abort = new AbortController();
  // Exit as shells report the first signal: 128 + its number (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP), like `render`.
  let firstSignal: NodeJS.Signals | undefined;
  const interruptedCode = () => 128 + constants.signals[firstSignal ?? 'SIGINT'];
  const onSignal = (signal: NodeJS.Signals) => {
    firstSignal ??= signal;
    if (!stop.signal.aborted) {
      stop.abort();
      bar?.stop();
      reporter.status('authpack batch: stopping: no new case starts, cases in progress get 5 s to finish, then the report is written (press Ctrl-C again to quit at once)');
      return;
    }
    abort.abort();
    // If cancelling takes too long, quit anyway; the journal already records every packet that was moved into place.
    setTimeout(() => {
      rmSync(path.join(path.resolve(opts.output), TEMP_DIR), { recursive: true, force: true });
      process.exit(interruptedCode());
    }, HARD_STOP_MS).unref();
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  try {
    const summary = await runBatch({
      inputs,
      outDir: opts.output,
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      ...(opts.names ? { names: opts.names } : {}),
      ...(opts.caseTimeout ? { caseTimeoutMs: opts.caseTimeout * 1000 } : {}),
      resume: opts.resume ?? false,
      overwrite: opts.overwrite ?? false,
      signal: stop.signal,
      abort: abort.signal,
      generate: batchGenerateOptions(opts),
      onDiagnostic: (d) => reporter.diagnostics([d]),
      onProgress: ({ done, total, failed }) => {
        if (stop.signal.aborted) return;
        const seconds = (performance.now() - started) / 1000;
        if (bar) {
          if (done === 1) bar.start(total, 0, { rate: '0.0', failed: 0 });
          bar.update(done, { rate: (done / seconds).toFixed(1), failed });
        } else if (!opts.quiet && reporter.format === 'human' && (performance.now() - lastLine > 5000 || done === total)) {
          lastLine = performance.now();
          const eta = done < total ? `, about ${Math.ceil(((total - done) * seconds) / done)} s left` : '';
          reporter.status(`authpack batch: ${done}/${total} cases (${Math.round((done / total) * 100)} %), ${(done / seconds).toFixed(1)} cases/s, ${failed} failed${eta}`);
        }
      },
    });
    bar?.stop();
    for (const row of summary.rows.filter((r) => r.status === 'failed')) {
      reporter.diagnostics(row.errors.map((e) => ({ code: e.code, severity: 'error' as const, message: `${row.input}${row.caseId ? ` (case ${row.caseId})` : ''}: ${e.message}` })));
    }
    const rate = (summary.ok + summary.failed) / summary.seconds;
    const stopped = summary.interrupted ? `, ${summary.cancelled} cancelled, ${summary.notStarted} not started` : '';
    const report = abort.signal.aborted ? 'no report (quit at once; --resume knows what was written)' : `report: ${opts.output}/report.json, report.csv`;
    reporter.status(
      `${summary.interrupted ? 'interrupted: ' : ''}${summary.ok} written, ${summary.skipped} skipped (unchanged), ${summary.failed} failed${stopped} of ${summary.total} cases in ${summary.seconds.toFixed(1)} s (${rate.toFixed(1)} cases/s); ${report}`,
    );
    if (summary.interrupted) return interruptedCode();
    return summary.failed > 0 ? ExitCode.batchPartial : ExitCode.ok;
  } finally {
    bar?.stop();
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
  }
}
