// Report rows from what happened to a case: a worker's result, a failure before or after rendering, or a worker
// that never answered (the case's time limit, a stop, a thread that ran out of memory or crashed).
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ExitCode } from '../diagnostics/errors.js';
import type { BatchTaskResult } from './batch-worker.js';
import type { Base } from './prepare-case.js';
import { splitDiagnostics, type ReportRow } from './report.js';

export type Ending = 'timeout' | 'interrupted' | 'aborted';

export function failedRow(row: ReportRow | Base, exitCode: number, diagnostics: readonly Diagnostic[]): ReportRow {
  return { ...(row as ReportRow), status: 'failed', exitCode, output: '', pages: null, bytes: null, sha256: null, ...splitDiagnostics(diagnostics), ms: 'ms' in row ? row.ms : 0 };
}

export function toRow(base: Base, r: BatchTaskResult): ReportRow {
  return {
    ...base,
    caseId: r.caseId ?? base.caseId,
    payer: r.payer ?? base.payer,
    status: r.status,
    exitCode: r.exitCode,
    output: r.status === 'ok' ? base.output : '',
    pages: r.pages ?? null,
    bytes: r.bytes ?? null,
    sha256: r.sha256 ?? null,
    ...splitDiagnostics(r.diagnostics),
    ms: r.ms,
  };
}

/** The row of a case whose worker did not answer: stopped by its time limit, by the user, or lost with its thread. */
export function lostRow(base: Base, ending: Ending | undefined, err: unknown, timeoutMs: number, ms: number, heapMb: number): ReportRow {
  const row = (status: ReportRow['status'], exitCode: number, d: Diagnostic): ReportRow => ({ ...base, status, exitCode, output: '', pages: null, bytes: null, sha256: null, warnings: [], errors: [{ code: d.code, message: d.message }], ms });
  if (ending === 'timeout') {
    return row('failed', ExitCode.renderFailed, { code: 'batch/case-timeout', severity: 'error', message: `Rendering this case took longer than the time limit (--case-timeout ${timeoutMs / 1000} s) and was stopped; nothing was written.` });
  }
  if (ending) return row('interrupted', ExitCode.interrupted, { code: 'batch/interrupted', severity: 'error', message: 'The run was stopped (Ctrl-C or SIGTERM) while this case was rendering; nothing was written. Run again with --resume to render it.' });
  if ((err as NodeJS.ErrnoException)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return row('failed', ExitCode.renderFailed, { code: 'batch/case-out-of-memory', severity: 'error', message: `Rendering this case needed more than a worker's memory limit (${heapMb} MB) and was stopped; look for an unusually large attachment.` });
  }
  return row('failed', ExitCode.internal, { code: 'batch/worker-crashed', severity: 'error', message: `The worker rendering this case stopped (${(err as Error)?.message ?? String(err)}); the other cases went on. This is a bug in authpack: please report it.` });
}
