// Batch worker (a piscina worker thread): renders one case and writes its packet to a temporary file. Fonts, templates and payer
// profiles stay loaded between cases (module caches). It returns plain data only: structured clone drops Error
// prototypes, so diagnostics travel as objects.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ExitCode, PacketError } from '../diagnostics/errors.js';
import { generatePacket, type GenerateOptions, type PacketResult } from '../generate-packet.js';
import { loadCase, parseCaseText } from '../load/load-case.js';
import { writeTemp } from '../write/write-packet.js';
import type { ServeTask } from '../queue/serve-job.js';
import { renderInMemory, type RenderOutcome } from '../serve/render-in-memory.js';
import { notWritten } from './not-written.js';

// Piscina loads a worker with require() first. On Node 20, a worker stopped while require() runs an ES module (a
// batch cancelled or quit during start-up) can abort the whole process (an assertion in Node's require-facade,
// seen in the signal tests). A top-level await makes require() decline this module before running it, so piscina
// falls back to import(), which stops cleanly.
await Promise.resolve();

export interface BatchTask {
  label: string;
  file?: string;
  raw?: unknown;
  baseDir: string;
  /** The packet's path relative to the output folder (names the temporary file). */
  output: string;
  tempDir: string;
  options: Pick<GenerateOptions, 'payerDirs' | 'templateDirs' | 'force' | 'attachments' | 'allowOutside' | 'maxAttachmentBytes' | 'maxAttachmentPages'> & { date?: string };
}

export interface BatchTaskResult {
  status: 'ok' | 'failed';
  exitCode: number;
  caseId?: string;
  payer?: string;
  pages?: number;
  bytes?: number;
  sha256?: string;
  /** The packet, written to a temporary file; the main thread flushes it, records it in the journal, then renames it into place. */
  tempFile?: string;
  diagnostics: Diagnostic[];
  ms: number;
}

export default async function renderCase(task: BatchTask): Promise<BatchTaskResult> {
  const start = performance.now();
  const done = (r: Omit<BatchTaskResult, 'ms'>): BatchTaskResult => ({ ...r, ms: Math.round(performance.now() - start) });
  try {
    const loaded = task.file ? loadCase(task.file) : undefined;
    const raw = loaded ? loaded.raw : task.raw;
    const result = await generatePacket(raw, { ...task.options, baseDir: task.baseDir, ...(loaded ? { source: loaded.source } : {}) });
    return done({ tempFile: writeComplete(result.bytes, task), ...written(result) });
  } catch (err) {
    return done(failure(err));
  }
}

/**
 * Writes the packet to a temporary file (complete, or removed); a failure (a full disk) fails the case with 6. The
 * main thread flushes it to disk before the rename (flush.ts): this thread goes on to the next case meanwhile.
 */
function writeComplete(bytes: Uint8Array, task: { tempDir: string; output: string }): string {
  try {
    return writeTemp(bytes, task.tempDir, task.output, { sync: false });
  } catch (err) {
    throw new PacketError([notWritten(err)], ExitCode.outputNotWritable);
  }
}

/** A queued case (`authpack queue work`): the case's own text or data, its packet returned in memory for the output store. */
export interface QueuedTask {
  label: string;
  /** The case file's text (YAML or JSON, parsed here with its line numbers for diagnostics), or the case data of an NDJSON line or CSV row. */
  text?: string | Uint8Array;
  raw?: unknown;
  baseDir: string;
  options: BatchTask['options'];
  /**
   * Where to write the packet before the main thread flushes it and moves it into place (the output store's temp
   * folder, as `batch` does: the packet's bytes never cross to the main thread); without it the packet comes back
   * in memory.
   */
  staging?: { tempDir: string; output: string };
}

export type QueuedResult = BatchTaskResult & { pdf?: Uint8Array };

/**
 * The entry of `queue work`'s render pool (one entry per pool): a batch case, or a server's render (`serve --redis`,
 * a `{ serve }` task) kept in memory as the server's own pool renders it.
 */
export async function renderQueued(task: QueuedTask): Promise<QueuedResult>;
export async function renderQueued(task: ServeTask): Promise<RenderOutcome>;
export async function renderQueued(task: QueuedTask | ServeTask): Promise<QueuedResult | RenderOutcome> {
  if ('serve' in task) return renderInMemory(task.serve);
  return renderQueuedCase(task);
}

async function renderQueuedCase(task: QueuedTask): Promise<QueuedResult> {
  const start = performance.now();
  const done = (r: Omit<QueuedResult, 'ms'>): QueuedResult => ({ ...r, ms: Math.round(performance.now() - start) });
  try {
    const parsed = task.text !== undefined ? parseCaseText(task.text, task.label) : undefined;
    const result = await generatePacket(parsed ? parsed.raw : task.raw, { ...task.options, baseDir: task.baseDir, ...(parsed ? { source: parsed.source } : {}) });
    if (task.staging) return done({ tempFile: writeComplete(result.bytes, task.staging), ...written(result) });
    return done({ pdf: result.bytes, ...written(result) });
  } catch (err) {
    return done(failure(err));
  }
}

/** What the run report says of a packet rendered. */
function written(result: PacketResult): Omit<BatchTaskResult, 'tempFile' | 'ms'> {
  return {
    status: 'ok',
    exitCode: ExitCode.ok,
    caseId: result.case.caseId,
    payer: result.case.payer,
    pages: result.pages,
    bytes: result.bytes.length,
    sha256: createHash('sha256').update(result.bytes).digest('hex'),
    diagnostics: result.diagnostics.filter((d) => d.severity !== 'info'),
  };
}

function failure(err: unknown): { status: 'failed'; exitCode: number; diagnostics: Diagnostic[] } {
  if (err instanceof PacketError) return { status: 'failed', exitCode: err.exitCode, diagnostics: err.diagnostics.map((d) => ({ ...d })) };
  return { status: 'failed', exitCode: ExitCode.internal, diagnostics: [{ code: 'batch/internal-error', severity: 'error', message: `Internal error (a bug in authpack): ${(err as Error)?.message ?? String(err)}`, hint: 'Please report it with this case (without patient data) and the command you ran.' }] };
}

// The server (`authpack serve`) renders on this same worker: its task keeps the packet in memory.
export { renderInMemory };
