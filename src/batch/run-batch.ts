// Runs many cases on all cores: checks the inputs and the output folder first (nothing renders if the run cannot
// go well), then streams the cases through a worker pool with a time limit per case, records each packet in the
// journal as it is moved into place, and writes the run report. One failing case never stops the others.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ExitCode, OutputError, PacketError } from '../diagnostics/errors.js';
import { loadCase } from '../load/load-case.js';
import { isoDay, resolvePacketDate } from '../packet-date.js';
import { packageRoot, packageVersion } from '../package-root.js';
import { commitTemp } from '../write/write-packet.js';
import type { BatchTask, BatchTaskResult } from './batch-worker.js';
import { workerCount } from './concurrency.js';
import { Journal } from './journal.js';
import { notWritten } from './not-written.js';
import { checkNamesTemplate, DEFAULT_NAMES } from './output-name.js';
import { TEMP_DIR } from './own-files.js';
import { precheck, type CaseMeta } from './precheck.js';
import { readInputs, type BatchInput } from './read-inputs.js';
import { splitDiagnostics, writeReport, type ReportRow } from './report.js';
import { ResumeKeys, sha256 } from './resume-key.js';

export interface BatchOptions {
  inputs: readonly string[];
  outDir: string;
  /** Worker threads (default: the CPU count; capped to what the machine can hold). */
  concurrency?: number;
  /** Output file name template (default `{caseId}.pdf`). */
  names?: string;
  /** Skip cases whose packet is in place, unchanged, and was made from the same case, files and settings. */
  resume?: boolean;
  overwrite?: boolean;
  /** Longest a case may render before it is stopped and reported (default 120 s). */
  caseTimeoutMs?: number;
  generate: Omit<BatchTask['options'], 'date'> & { date?: string | Date };
  onProgress?: (progress: { done: number; total: number; failed: number; skipped: number }) => void;
  /** Warnings about the run itself (a capped --concurrency), as soon as they are known. */
  onDiagnostic?: (diagnostic: Diagnostic) => void;
  /** Abort to stop: no new case starts, cases in progress get `graceMs` to finish, the report is written. */
  signal?: AbortSignal;
  /** Abort to quit at once: cases in progress are cancelled, no report is written (the journal keeps what finished). */
  abort?: AbortSignal;
  /** How long cases in progress may still finish after `signal` (default 5 s). */
  graceMs?: number;
}

export interface BatchSummary {
  total: number;
  ok: number;
  failed: number;
  skipped: number;
  /** Stopped by `signal` or `abort`. */
  interrupted: boolean;
  /** Cases cancelled while rendering, and cases never started, because the run was stopped. */
  cancelled: number;
  notStarted: number;
  seconds: number;
  /** Peak resident memory of this process, worker threads included. */
  peakRssMiB: number;
  rows: ReportRow[];
}

export const DEFAULT_CASE_TIMEOUT_MS = 120_000;
const DEFAULT_GRACE_MS = 5_000;
/**
 * Worker heap limits. Measured on 1,000 cases with 2 workers: a 16 MB young generation keeps the whole process
 * under 300 MB at the same speed; 64 MB reached 420 MB for no gain. The old generation cap leaves room for large
 * packets (a 51-page packet with attachments peaks well below it).
 */
export const WORKER_HEAP = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 };

type Ending = 'timeout' | 'interrupted' | 'aborted';

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const outDir = path.resolve(options.outDir);
  const names = options.names ?? DEFAULT_NAMES;
  checkNamesTemplate(names);
  refuseFile(outDir);
  // One packet date for the whole run, so every case (and the resume key) agrees on it.
  const date = resolvePacketDate(options.generate.date);
  const generate = { ...options.generate, date: date.toISOString() };
  const fixed = options.generate.date !== undefined || /^\d+$/.test(process.env.SOURCE_DATE_EPOCH?.trim() ?? '');
  const dateKey = fixed ? date.toISOString() : isoDay(date);
  const { count: concurrency, warning } = workerCount(options.concurrency, WORKER_HEAP);
  if (warning) options.onDiagnostic?.(warning);
  const caseTimeoutMs = options.caseTimeoutMs ?? DEFAULT_CASE_TIMEOUT_MS;
  const resume = options.resume ?? false;
  const overwrite = options.overwrite ?? false;

  const stop = new AbortController();
  const onAbort = () => stop.abort();
  if (options.signal?.aborted || options.abort?.aborted) stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  options.abort?.addEventListener('abort', onAbort, { once: true });
  const stopping = () => stop.signal.aborted;
  const empty = (): BatchSummary => ({ total: 0, ok: 0, failed: 0, skipped: 0, interrupted: true, cancelled: 0, notStarted: 0, seconds: (performance.now() - started) / 1000, peakRssMiB: peakRss(), rows: [] });

  const checked = await precheck(options.inputs, { names, outDir, overwrite, resume, signal: stop.signal });
  if (!checked) return empty();
  const { total, known } = checked;
  makeFolder(outDir);
  const tempDir = path.join(outDir, TEMP_DIR);
  rmSync(tempDir, { recursive: true, force: true });
  const journal = Journal.open(outDir, tempDir);

  const worker = path.join(packageRoot(), 'dist', 'batch-worker.js');
  if (!existsSync(worker)) throw new PacketError([{ code: 'batch/not-built', severity: 'error', message: `The batch worker ${worker} is missing.`, hint: 'Run `npm run build` first.' }], ExitCode.internal);
  const keys = new ResumeKeys(generate, dateKey, worker);
  const pool = new Piscina<BatchTask, BatchTaskResult>({ filename: worker, minThreads: concurrency, maxThreads: concurrency, idleTimeout: 60_000, resourceLimits: WORKER_HEAP });

  const rows: { index: number; row: ReportRow }[] = [];
  const counts = { done: 0, failed: 0, skipped: 0, cancelled: 0 };
  const finish = (index: number, row: ReportRow) => {
    rows.push({ index, row });
    counts.done++;
    if (row.status === 'failed') counts.failed++;
    if (row.status === 'skipped') counts.skipped++;
    if (row.status === 'interrupted') counts.cancelled++;
    options.onProgress?.({ done: counts.done, total, failed: counts.failed, skipped: counts.skipped });
  };
  /** Records the packet, then moves it into place; a failure there fails the case with 6 and records nothing. */
  const commit = (row: ReportRow, tempFile: string, replace: boolean): ReportRow => {
    const target = path.join(outDir, row.output);
    if (!replace && existsSync(target)) {
      rmSync(tempFile, { force: true });
      return { ...failedRow(row, ExitCode.outputNotWritable, [outputExists()]), ms: row.ms };
    }
    try {
      journal.record(row);
      commitTemp(tempFile, target);
      return row;
    } catch (err) {
      rmSync(tempFile, { force: true });
      return { ...failedRow(row, ExitCode.outputNotWritable, [notWritten(err as NodeJS.ErrnoException)]), ms: row.ms };
    }
  };

  const running = new Set<{ done: Promise<void>; cancel: (why: Ending) => void }>();
  let graceTimer: NodeJS.Timeout | undefined;
  const cancelAll = (why: Ending) => {
    for (const r of running) r.cancel(why);
  };
  options.signal?.addEventListener('abort', () => (graceTimer = setTimeout(() => cancelAll('interrupted'), options.graceMs ?? DEFAULT_GRACE_MS)), { once: true });
  options.abort?.addEventListener('abort', () => cancelAll('aborted'), { once: true });
  const stopped = new Promise<void>((resolve) => (stop.signal.aborted ? resolve() : stop.signal.addEventListener('abort', () => resolve(), { once: true })));

  let index = 0;
  try {
    for await (const input of readInputs(options.inputs, outDir)) {
      if (stopping()) break;
      const i = index++;
      const prepared = prepare(input, known.get(input.label), { outDir, resume, overwrite, journal, keys, generate });
      if ('row' in prepared) {
        finish(i, prepared.row);
        continue;
      }
      while (running.size >= concurrency && !stopping()) await Promise.race([...[...running].map((r) => r.done), stopped]);
      if (stopping()) break;
      const { base, task, replace } = prepared;
      const controller = new AbortController();
      let ending: Ending | undefined;
      const cancel = (why: Ending) => {
        ending ??= why;
        controller.abort();
      };
      const timer = setTimeout(() => cancel('timeout'), caseTimeoutMs);
      const began = performance.now();
      const entry = {
        cancel,
        done: pool
          .run({ ...task, tempDir }, { signal: controller.signal })
          .then(
            (r) => ({ r, ending: undefined }),
            (err: unknown) => ({ r: undefined, ending, err }),
          )
          .then(({ r, ending: why, err }: { r?: BatchTaskResult; ending?: Ending; err?: unknown }) => {
            clearTimeout(timer);
            if (options.abort?.aborted) {
              if (r?.tempFile) rmSync(r.tempFile, { force: true });
              return;
            }
            let row = r ? toRow(base, r) : lostRow(base, why, err, caseTimeoutMs, Math.round(performance.now() - began));
            if (r?.status === 'ok' && r.tempFile) row = commit(row, r.tempFile, replace);
            finish(i, row);
          })
          .finally(() => running.delete(entry)),
      };
      running.add(entry);
    }
    await Promise.all([...running].map((r) => r.done));
  } finally {
    clearTimeout(graceTimer);
    await pool.destroy();
  }

  const ordered = rows.sort((a, b) => a.index - b.index).map((r) => r.row);
  const ok = ordered.filter((r) => r.status === 'ok').length;
  const interrupted = stopping();
  const notStarted = interrupted ? Math.max(0, total - ordered.length) : 0;
  const summary = { total, ok, failed: counts.failed, skipped: counts.skipped, interrupted, cancelled: counts.cancelled, notStarted, seconds: (performance.now() - started) / 1000, peakRssMiB: peakRss() };
  try {
    if (!options.abort?.aborted) writeReport(outDir, { authpackVersion: packageVersion(), ...summary }, ordered, tempDir);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  return { ...summary, rows: ordered };
}

const peakRss = () => Math.round(process.resourceUsage().maxRSS / 1024);

type Prepared = { row: ReportRow } | { base: Base; task: Omit<BatchTask, 'tempDir'>; replace: boolean };
type Base = Pick<ReportRow, 'caseId' | 'input' | 'payer' | 'output' | 'inputSha256'>;

interface PrepareContext {
  outDir: string;
  resume: boolean;
  overwrite: boolean;
  journal: Journal;
  keys: ResumeKeys;
  generate: BatchTask['options'];
}

/**
 * What to do with a case: fail it (unreadable), skip it (--resume and its packet is in place, made from the same
 * key), or render it, and whether its packet may replace a file already at its output path.
 */
function prepare(input: BatchInput, meta: CaseMeta | undefined, ctx: PrepareContext): Prepared {
  const blank: ReportRow = { caseId: '', input: input.label, payer: '', status: 'failed', exitCode: ExitCode.inputInvalid, output: '', pages: null, bytes: null, sha256: null, inputSha256: '', warnings: [], errors: [], ms: 0 };
  if (input.error) return { row: failedRow(blank, ExitCode.inputInvalid, [input.error]) };
  if (!meta) {
    // The precheck could not read this case file: read it again only to say why.
    try {
      loadCase(input.file!);
    } catch (err) {
      if (err instanceof PacketError) return { row: failedRow(blank, err.exitCode, err.diagnostics) };
    }
    return { row: failedRow(blank, ExitCode.inputInvalid, [{ code: 'load/unreadable', severity: 'error', message: `${input.label} could not be read.` }]) };
  }
  let text: string | Uint8Array;
  try {
    text = input.file ? readFileSync(input.file) : JSON.stringify(input.raw);
  } catch {
    text = 'unreadable';
  }
  const key = ctx.keys.forCase({ text, payer: meta.payer, attachments: meta.attachments, baseDir: input.baseDir });
  const base: Base = { caseId: meta.caseId, input: input.label, payer: typeof meta.payer === 'string' ? meta.payer : '', output: meta.output, inputSha256: key };
  const target = path.join(ctx.outDir, meta.output);
  let replace = ctx.overwrite;
  const st = statSync(target, { throwIfNoEntry: false });
  if (st && ctx.resume) {
    const prior = st.isFile() ? ctx.journal.find(meta.output, sha256(readFileSync(target))) : undefined;
    if (prior && prior.inputSha256 === key && prior.caseId === meta.caseId) return { row: { ...prior, input: input.label, status: 'skipped', exitCode: ExitCode.ok, ms: 0 } };
    // A packet an earlier run wrote here, from another version of the case or its files: bring it up to date.
    if (prior) replace = true;
  }
  // Any other file there is refused when the packet is ready (commit), so an invalid case still says what is wrong.
  const task: Omit<BatchTask, 'tempDir'> = { label: input.label, ...(input.file ? { file: input.file } : { raw: input.raw }), baseDir: input.baseDir, output: meta.output, options: ctx.generate };
  return { base, task, replace };
}

function outputExists(): Diagnostic {
  return {
    code: 'batch/output-exists',
    severity: 'error',
    message: 'A file is already at this case\'s output path and is not a packet an earlier run wrote there (or it was changed since); it was left as it is.',
    hint: 'Pass --overwrite to replace it, or choose another folder with -o or other names with --names.',
  };
}

function failedRow(row: ReportRow | Base, exitCode: number, diagnostics: readonly Diagnostic[]): ReportRow {
  return { ...(row as ReportRow), status: 'failed', exitCode, output: '', pages: null, bytes: null, sha256: null, ...splitDiagnostics(diagnostics), ms: 'ms' in row ? row.ms : 0 };
}

function toRow(base: Base, r: BatchTaskResult): ReportRow {
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
function lostRow(base: Base, ending: Ending | undefined, err: unknown, timeoutMs: number, ms: number): ReportRow {
  const row = (status: ReportRow['status'], exitCode: number, d: Diagnostic): ReportRow => ({ ...base, status, exitCode, output: '', pages: null, bytes: null, sha256: null, warnings: [], errors: [{ code: d.code, message: d.message }], ms });
  if (ending === 'timeout') {
    return row('failed', ExitCode.renderFailed, { code: 'batch/case-timeout', severity: 'error', message: `Rendering this case took longer than the time limit (--case-timeout ${timeoutMs / 1000} s) and was stopped; nothing was written.` });
  }
  if (ending) return row('interrupted', ExitCode.interrupted, { code: 'batch/interrupted', severity: 'error', message: 'The run was stopped (Ctrl-C or SIGTERM) while this case was rendering; nothing was written. Run again with --resume to render it.' });
  if ((err as NodeJS.ErrnoException)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return row('failed', ExitCode.renderFailed, { code: 'batch/case-out-of-memory', severity: 'error', message: `Rendering this case needed more than a worker's memory limit (${WORKER_HEAP.maxOldGenerationSizeMb} MB) and was stopped; look for an unusually large attachment.` });
  }
  return row('failed', ExitCode.internal, { code: 'batch/worker-crashed', severity: 'error', message: `The worker rendering this case stopped (${(err as Error)?.message ?? String(err)}); the other cases went on. This is a bug in authpack: please report it.` });
}

/** `-o` must be a folder (or not exist yet): a batch writes many packets and its report into it. */
function refuseFile(outDir: string): void {
  const st = statSync(outDir, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) {
    throw new OutputError([{ code: 'batch/output-not-folder', severity: 'error', message: `-o ${outDir} is a file, not a folder: a batch writes its packets and report into a folder.`, hint: 'Pass a folder with -o (it is created if it does not exist).' }]);
  }
}

function makeFolder(outDir: string): void {
  try {
    mkdirSync(outDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    const d = notWritten(err as NodeJS.ErrnoException);
    throw new OutputError([{ ...d, code: 'batch/output-not-writable', message: `The output folder ${outDir} cannot be created: ${d.message.replace(/^.*\((.*)\).*$/, '$1')}.`, hint: 'Choose another folder with -o, or check you may write to its parent folder.' }]);
  }
}
