// Runs many cases on all cores: checks the inputs and the output folder first (nothing renders if the run cannot
// go well), then streams the cases through a worker pool with a time limit per case, records each packet in the
// journal as it is moved into place, and writes the run report. One failing case never stops the others.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ExitCode, OutputError, PacketError } from '../diagnostics/errors.js';
import { isoDay, resolvePacketDate } from '../packet-date.js';
import { packageRoot, packageVersion } from '../package-root.js';
import { commitTemp } from '../write/write-packet.js';
import { flushFile, FolderFlush } from './flush.js';
import type { BatchTask, BatchTaskResult } from './batch-worker.js';
import { workerCount } from './concurrency.js';
import { peakRssMiB } from './peak-rss.js';
import { Journal } from './journal.js';
import { notWritten } from './not-written.js';
import { checkNamesTemplate, DEFAULT_NAMES } from './output-name.js';
import { TEMP_DIR } from './own-files.js';
import { caseMeta, precheck } from './precheck.js';
import { openPool } from './open-pool.js';
import { outputExists, prepare } from './prepare-case.js';
import { readInputs } from './read-inputs.js';
import { writeReport, type ReportRow } from './report.js';
import { failedRow, lostRow, toRow, type Ending } from './result-row.js';
import { ResumeKeys } from './resume-key.js';
import { RowSpool } from './row-spool.js';
import { DEFAULT_CASE_TIMEOUT_MS, WORKER_HEAP } from './worker-limits.js';

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
  /** Peak resident memory of this process and of the render pool's process (its worker threads included). */
  peakRssMiB: number;
  rows: ReportRow[];
}

const DEFAULT_GRACE_MS = 5_000;

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
  const empty = (): BatchSummary => ({ total: 0, ok: 0, failed: 0, skipped: 0, interrupted: true, cancelled: 0, notStarted: 0, seconds: (performance.now() - started) / 1000, peakRssMiB: peakRssMiB(), rows: [] });

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
  const pool = openPool<BatchTask, BatchTaskResult>({ filename: worker, threads: concurrency, idleTimeout: 60_000, resourceLimits: WORKER_HEAP });

  const spool = new RowSpool(tempDir);
  const counts = { done: 0, ok: 0, failed: 0, skipped: 0, cancelled: 0 };
  const finish = (index: number, row: ReportRow) => {
    spool.add(index, row);
    counts.done++;
    if (row.status === 'ok') counts.ok++;
    if (row.status === 'failed') counts.failed++;
    if (row.status === 'skipped') counts.skipped++;
    if (row.status === 'interrupted') counts.cancelled++;
    options.onProgress?.({ done: counts.done, total, failed: counts.failed, skipped: counts.skipped });
  };
  const folders = new FolderFlush();
  /** Flushes the packet to disk, records it, then moves it into place; a failure there fails the case with 6 and records nothing. */
  const commit = async (row: ReportRow, tempFile: string, replace: boolean): Promise<ReportRow | undefined> => {
    const failed = (d: Diagnostic) => {
      rmSync(tempFile, { force: true });
      return { ...failedRow(row, ExitCode.outputNotWritable, [d]), ms: row.ms };
    };
    try {
      await flushFile(tempFile);
    } catch (err) {
      return failed(notWritten(err));
    }
    if (options.abort?.aborted) {
      rmSync(tempFile, { force: true });
      return undefined;
    }
    const target = path.join(outDir, row.output);
    if (!replace && existsSync(target)) return failed(outputExists());
    try {
      journal.record(row);
      commitTemp(tempFile, target, {}, { syncFolder: false });
      folders.add(path.dirname(target));
      return row;
    } catch (err) {
      return failed(notWritten(err));
    }
  };
  /** Packets being flushed and moved into place: a worker takes its next case meanwhile. */
  const commits = new Set<Promise<void>>();

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
      // A line or row past those the precheck read was not checked (the input grew during the run): no meta.
      const meta = input.file ? known.get(input.label) : i < total ? caseMeta(input.raw, names) : undefined;
      const prepared = prepare(input, meta, { outDir, resume, overwrite, journal, keys, generate });
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
            const row = r ? toRow(base, r) : lostRow(base, why, err, caseTimeoutMs, Math.round(performance.now() - began), WORKER_HEAP.maxOldGenerationSizeMb);
            if (r?.status !== 'ok' || !r.tempFile) return finish(i, row);
            const committing: Promise<void> = commit(row, r.tempFile, replace)
              .then((done) => done && finish(i, done))
              .finally(() => commits.delete(committing));
            commits.add(committing);
          })
          .finally(() => running.delete(entry)),
      };
      running.add(entry);
    }
    await Promise.all([...running].map((r) => r.done));
    await Promise.all([...commits]);
  } finally {
    clearTimeout(graceTimer);
    await pool.close();
  }
  try {
    folders.flush();
  } catch {
    /* the packets are in place and recorded; a folder that cannot be flushed only leaves them exposed to a power cut */
  }

  const ordered = spool.rows();
  const interrupted = stopping();
  const notStarted = interrupted ? Math.max(0, total - ordered.length) : 0;
  // When the workers run in the pool's own process, the run's peak is both processes' peaks together (an upper bound).
  const summary = { total, ok: counts.ok, failed: counts.failed, skipped: counts.skipped, interrupted, cancelled: counts.cancelled, notStarted, seconds: (performance.now() - started) / 1000, peakRssMiB: peakRssMiB() + pool.peakRssMiB };
  try {
    if (!options.abort?.aborted) writeReport(outDir, { authpackVersion: packageVersion(), ...summary }, ordered, tempDir);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  return { ...summary, rows: ordered };
}

/** `-o` must be a folder (or not exist yet): a batch writes many packets and its report into it. */
function refuseFile(outDir: string): void {
  let st;
  try {
    st = statSync(outDir, { throwIfNoEntry: false });
  } catch (err) {
    // A part of the path is a file (ENOTDIR), or the path cannot be looked at.
    const d = notWritten(err);
    throw new OutputError([{ ...d, code: 'batch/output-not-writable', message: `The output folder ${outDir} cannot be used: ${d.message.replace(/^.*\((.*)\).*$/, '$1')}.`, hint: 'Choose another folder with -o.' }]);
  }
  if (st && !st.isDirectory()) {
    throw new OutputError([{ code: 'batch/output-not-folder', severity: 'error', message: `-o ${outDir} is a file, not a folder: a batch writes its packets and report into a folder.`, hint: 'Pass a folder with -o (it is created if it does not exist).' }]);
  }
}

function makeFolder(outDir: string): void {
  try {
    mkdirSync(outDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    const d = notWritten(err);
    throw new OutputError([{ ...d, code: 'batch/output-not-writable', message: `The output folder ${outDir} cannot be created: ${d.message.replace(/^.*\((.*)\).*$/, '$1')}.`, hint: 'Choose another folder with -o, or check you may write to its parent folder.' }]);
  }
}
