// Runs many cases on all cores: checks the inputs first (duplicate case ids and output names stop the run before
// anything renders), then streams the cases through a worker pool, records each result as it finishes, and writes
// the run report. One failing case never stops the others.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ExitCode, InputError, PacketError } from '../diagnostics/errors.js';
import { loadCase } from '../load/load-case.js';
import { packageRoot } from '../package-root.js';
import type { BatchTask, BatchTaskResult } from './batch-worker.js';
import { outputName } from './output-name.js';
import { readInputs, type BatchInput } from './read-inputs.js';
import { appendJournal, JOURNAL, readPreviousRows, splitDiagnostics, writeReport, type ReportRow } from './report.js';
import { commitTemp } from '../write/write-packet.js';

export interface BatchOptions {
  inputs: readonly string[];
  outDir: string;
  /** Worker threads (default: the CPU count). */
  concurrency?: number;
  /** Output file name template (default `{caseId}.pdf`). */
  names?: string;
  /** Skip cases whose packet exists with the hash the last report recorded for the same input. */
  resume?: boolean;
  overwrite?: boolean;
  generate: BatchTask['options'];
  onProgress?: (progress: { done: number; total: number; failed: number; skipped: number }) => void;
  /** Abort to stop starting new cases; cases in progress finish and the report is written. */
  signal?: AbortSignal;
}

export interface BatchSummary {
  total: number;
  ok: number;
  failed: number;
  skipped: number;
  interrupted: boolean;
  seconds: number;
  /** Peak resident memory of this process, worker threads included. */
  peakRssMiB: number;
  rows: ReportRow[];
}

const TEMP = '.authpack-tmp';
/**
 * Worker heap limits. Measured on 1,000 cases with 2 workers: a 16 MB young generation keeps the whole process
 * under 300 MB at the same speed; 64 MB reached 420 MB for no gain. The old generation cap leaves room for large
 * packets (a 51-page packet with attachments peaks well below it).
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 };

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const outDir = path.resolve(options.outDir);
  const names = options.names ?? '{caseId}.pdf';
  const { total, known } = await precheck(options.inputs, names);
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const tempDir = path.join(outDir, TEMP);
  rmSync(tempDir, { recursive: true, force: true });
  const previous = options.resume ? new Map(readPreviousRows(outDir).filter((r) => r.status !== 'failed').map((r) => [`${r.caseId}\u0000${r.inputSha256}`, r])) : new Map<string, ReportRow>();
  rmSync(path.join(outDir, JOURNAL), { force: true });
  for (const r of previous.values()) appendJournal(outDir, r);

  const worker = path.join(packageRoot(), 'dist', 'batch-worker.js');
  if (!existsSync(worker)) throw new PacketError([{ code: 'batch/not-built', severity: 'error', message: `The batch worker ${worker} is missing.`, hint: 'Run `npm run build` first.' }], ExitCode.internal);
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  const pool = new Piscina<BatchTask, BatchTaskResult>({ filename: worker, minThreads: concurrency, maxThreads: concurrency, idleTimeout: 60_000, resourceLimits: WORKER_HEAP });

  const rows: { index: number; row: ReportRow }[] = [];
  const counts = { done: 0, failed: 0, skipped: 0 };
  const finish = (index: number, row: ReportRow, tempFile?: string) => {
    rows.push({ index, row });
    if (row.status !== 'skipped') appendJournal(outDir, row);
    // Recorded first, then moved into place: a kill in between leaves no packet the journal does not know.
    if (tempFile) commitTemp(tempFile, path.join(outDir, row.output));
    counts.done++;
    if (row.status === 'failed') counts.failed++;
    if (row.status === 'skipped') counts.skipped++;
    options.onProgress?.({ ...counts, total });
  };

  const inFlight = new Set<Promise<void>>();
  let index = 0;
  let interrupted = false;
  try {
    for await (const input of readInputs(options.inputs)) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      const i = index++;
      const prepared = prepare(input, known.get(input.label), options.generate);
      if ('row' in prepared) {
        finish(i, prepared.row);
        continue;
      }
      const { caseId, output, inputSha256 } = prepared;
      const base = { caseId, input: input.label, payer: prepared.payer, output, inputSha256 };
      const prior = previous.get(`${caseId}\u0000${inputSha256}`);
      if (prior?.sha256 && prior.output === output && existsSync(path.join(outDir, output)) && sha256(readFileSync(path.join(outDir, output))) === prior.sha256) {
        finish(i, { ...prior, input: input.label, status: 'skipped', ms: 0 });
        continue;
      }
      const task: BatchTask = {
        label: input.label,
        ...(input.file ? { file: input.file } : { raw: input.raw }),
        baseDir: input.baseDir,
        output: path.join(outDir, output),
        tempDir,
        options: options.generate,
      };
      const target = path.join(outDir, output);
      if (!options.overwrite && existsSync(target)) {
        finish(i, { ...base, status: 'failed', exitCode: ExitCode.outputNotWritable, output: '', pages: null, bytes: null, sha256: null, warnings: [], errors: [{ code: 'batch/output-exists', message: `${output} already exists and was left as it is; pass --overwrite to replace it, or --resume to skip unchanged cases.` }], ms: 0 });
        continue;
      }
      const job = pool
        .run(task)
        .catch((err: unknown): BatchTaskResult => ({ status: 'failed', exitCode: ExitCode.internal, ms: 0, diagnostics: [{ code: 'batch/worker-crashed', severity: 'error', message: `The worker rendering this case stopped: ${(err as Error)?.message ?? String(err)}`, hint: 'This is a bug in authpack; the other cases went on. Please report it.' }] }))
        .then((r) => finish(i, toRow(base, r), r.tempFile));
      inFlight.add(job);
      void job.finally(() => inFlight.delete(job));
      // Keep a bounded number of cases in memory: read on only when a worker is about to be free.
      if (inFlight.size >= concurrency * 2) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.destroy();
  }

  const ordered = rows.sort((a, b) => a.index - b.index).map((r) => r.row);
  const ok = ordered.filter((r) => r.status === 'ok').length;
  const summary = { total, ok, failed: counts.failed, skipped: counts.skipped, interrupted, seconds: (performance.now() - started) / 1000, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
  writeReport(outDir, { generatedBy: 'authpack', ...summary }, ordered, tempDir);
  rmSync(path.join(outDir, JOURNAL), { force: true });
  rmSync(tempDir, { recursive: true, force: true });
  return { ...summary, rows: ordered };
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What the main thread needs of a case, read once by the precheck: its id, payer and output name. */
interface CaseMeta {
  caseId: string;
  payer: string;
  output: string;
}

type Prepared = (CaseMeta & { inputSha256: string }) | { row: ReportRow };

/** The case's id, payer and output name (from the precheck) and the hash of its input; a case file the precheck
 * could not read is read again here only to report why. */
function prepare(input: BatchInput, meta: CaseMeta | undefined, generate: BatchTask['options']): Prepared {
  const failed = (diagnostics: Diagnostic[], exitCode: number): Prepared => ({
    row: { caseId: '', input: input.label, payer: '', status: 'failed', exitCode, output: '', pages: null, bytes: null, sha256: null, inputSha256: '', ...splitDiagnostics(diagnostics), ms: 0 },
  });
  if (input.error) return failed([input.error], ExitCode.inputInvalid);
  if (!meta) {
    try {
      loadCase(input.file!);
    } catch (err) {
      if (err instanceof PacketError) return failed(err.diagnostics, err.exitCode);
      throw err;
    }
    return failed([{ code: 'load/unreadable', severity: 'error', message: `${input.label} could not be read.` }], ExitCode.inputInvalid);
  }
  const text = input.file ? readFileSync(input.file, 'utf8') : JSON.stringify(input.raw);
  const options = JSON.stringify({ date: generate.date instanceof Date ? generate.date.toISOString() : generate.date ?? null, force: generate.force ?? false, attachments: generate.attachments ?? 'merge' });
  return { ...meta, inputSha256: sha256(`${text}\u0000${options}`) };
}

function toRow(base: Pick<ReportRow, 'caseId' | 'input' | 'payer' | 'output' | 'inputSha256'>, r: BatchTaskResult): ReportRow {
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

/**
 * Counts the cases, reads each one's id, payer and output name, and stops the run before anything renders if two
 * cases share a case id or an output name.
 */
async function precheck(inputs: readonly string[], names: string): Promise<{ total: number; known: Map<string, CaseMeta> }> {
  const ids = new Map<string, string[]>();
  const outputs = new Map<string, string[]>();
  const known = new Map<string, CaseMeta>();
  let total = 0;
  for await (const input of readInputs(inputs)) {
    total++;
    let raw = input.raw;
    if (input.file) {
      try {
        raw = loadCase(input.file).raw;
      } catch {
        continue; // reported when the case runs
      }
    }
    if (input.error) continue; // reported when the case runs
    const data = (raw ?? {}) as { caseId?: unknown; payer?: unknown };
    const name = outputName(names, raw);
    known.set(input.label, { caseId: String(data.caseId ?? ''), payer: String(data.payer ?? ''), output: name });
    // A case without an id fails validation on its own; it must not make the others look like duplicates.
    if (data.caseId === undefined) continue;
    ids.set(String(data.caseId), [...(ids.get(String(data.caseId)) ?? []), input.label]);
    outputs.set(name, [...(outputs.get(name) ?? []), input.label]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const [id, where] of ids) {
    if (where.length > 1) diagnostics.push({ code: 'batch/duplicate-case-id', severity: 'error', message: `Case ID ${id} appears ${where.length} times: ${where.join(', ')}.`, hint: 'Give each case its own caseId; nothing was rendered.' });
  }
  for (const [name, where] of outputs) {
    if (where.length > 1 && !diagnostics.some((d) => where.every((w) => d.message.includes(w)))) {
      diagnostics.push({ code: 'batch/duplicate-output', severity: 'error', message: `${where.length} cases would be written to ${name}: ${where.join(', ')}.`, hint: 'Use a --names template that tells them apart, e.g. "{caseId}-{payer}.pdf"; nothing was rendered.' });
    }
  }
  if (diagnostics.length) throw new InputError(diagnostics);
  return { total, known };
}
