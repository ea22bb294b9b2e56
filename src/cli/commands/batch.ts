// `authpack batch INPUT... -o OUTDIR`: many cases on all cores, with progress, a run report, and --resume.
import { SingleBar } from 'cli-progress';
import { ExitCode } from '../../diagnostics/errors.js';
import { runBatch } from '../../batch/run-batch.js';
import type { CommandContext } from '../program.js';

export interface BatchFlags {
  output: string;
  concurrency?: number;
  names?: string;
  resume?: boolean;
  overwrite?: boolean;
  quiet?: boolean;
  date?: string;
  payers?: string[];
  templates?: string[];
  force?: boolean;
  attachments?: 'merge' | 'list';
  allowOutside?: boolean;
  maxAttachmentMb?: number;
  maxAttachmentPages?: number;
}

export async function batchCommand(inputs: string[], opts: BatchFlags, { reporter }: CommandContext): Promise<number> {
  const tty = process.stderr.isTTY === true && !opts.quiet && reporter.format === 'human';
  const bar = tty ? new SingleBar({ format: 'authpack batch {bar} {percentage}% | {value}/{total} cases | {rate}/s | failed {failed} | ETA {eta_formatted}', stream: process.stderr, hideCursor: true }) : undefined;
  const started = performance.now();
  let lastLine = 0;
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    process.stderr.write('\nauthpack batch: stopping after the cases in progress (press Ctrl-C again to quit at once)\n');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const summary = await runBatch({
      inputs,
      outDir: opts.output,
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      ...(opts.names ? { names: opts.names } : {}),
      resume: opts.resume ?? false,
      overwrite: opts.overwrite ?? false,
      signal: controller.signal,
      generate: {
        ...(opts.date ? { date: opts.date } : {}),
        payerDirs: opts.payers ?? [],
        templateDirs: opts.templates ?? [],
        force: opts.force ?? false,
        attachments: opts.attachments ?? 'merge',
        allowOutside: opts.allowOutside ?? false,
        ...(opts.maxAttachmentMb ? { maxAttachmentBytes: Math.round(opts.maxAttachmentMb * 1048576) } : {}),
        ...(opts.maxAttachmentPages ? { maxAttachmentPages: opts.maxAttachmentPages } : {}),
      },
      onProgress: ({ done, total, failed }) => {
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
    reporter.status(
      `${summary.interrupted ? 'interrupted: ' : ''}${summary.ok} written, ${summary.skipped} skipped (unchanged), ${summary.failed} failed of ${summary.total} cases in ${summary.seconds.toFixed(1)} s (${rate.toFixed(1)} cases/s); report: ${opts.output}/report.json, report.csv`,
    );
    if (summary.interrupted) return 130;
    return summary.failed > 0 ? ExitCode.batchPartial : ExitCode.ok;
  } finally {
    bar?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
