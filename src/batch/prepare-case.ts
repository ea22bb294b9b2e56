// What the main thread does with a case before it renders: fail it (it could not be read), skip it (--resume, and
// its packet is in place and made from the same key), or hand it to a worker, knowing whether its packet may
// replace a file already at its output path.
import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ExitCode, PacketError } from '../diagnostics/errors.js';
import { loadCase } from '../load/load-case.js';
import type { BatchTask } from './batch-worker.js';
import type { Journal } from './journal.js';
import type { CaseMeta } from './precheck.js';
import type { BatchInput } from './read-inputs.js';
import type { ReportRow } from './report.js';
import { failedRow } from './result-row.js';
import type { ResumeKeys } from './resume-key.js';
import { sha256 } from './sha256.js';

export type Prepared = { row: ReportRow } | { base: Base; task: Omit<BatchTask, 'tempDir'>; replace: boolean };
export type Base = Pick<ReportRow, 'caseId' | 'input' | 'payer' | 'output' | 'inputSha256'>;

export interface PrepareContext {
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
export function prepare(input: BatchInput, meta: CaseMeta | undefined, ctx: PrepareContext): Prepared {
  const blank: ReportRow = { caseId: '', input: input.label, payer: '', status: 'failed', exitCode: ExitCode.inputInvalid, output: '', pages: null, bytes: null, sha256: null, inputSha256: '', warnings: [], errors: [], ms: 0 };
  if (input.error) return { row: failedRow(blank, ExitCode.inputInvalid, [input.error]) };
  if (!meta) {
    // The precheck could not read this case file: read it again only to say why.
    try {
      if (input.file) loadCase(input.file);
    } catch (err) {
      if (err instanceof PacketError) return { row: failedRow(blank, err.exitCode, err.diagnostics) };
    }
    const why = input.file ? 'could not be read' : 'was not there when the run started (the file changed during the run), so it was not checked';
    return { row: failedRow(blank, ExitCode.inputInvalid, [{ code: 'load/unreadable', severity: 'error', message: `${input.label} ${why}.`, hint: 'Leave the inputs unchanged while a batch runs; run again with --resume.' }]) };
  }
  let text: string | Uint8Array;
  try {
    text = input.file ? readFileSync(input.file) : JSON.stringify(input.raw);
  } catch {
    text = 'unreadable';
  }
  const key = ctx.keys.forCase({ text, payer: meta.payer, attachments: meta.attachments, signatureImage: meta.signatureImage, baseDir: input.baseDir });
  const base: Base = { caseId: meta.caseId, input: input.label, payer: typeof meta.payer === 'string' ? meta.payer : '', output: meta.output, inputSha256: key };
  const target = path.join(ctx.outDir, meta.output);
  let replace = ctx.overwrite;
  const st = statOrNothing(target);
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

export function outputExists(): Diagnostic {
  return {
    code: 'batch/output-exists',
    severity: 'error',
    message: 'A file is already at this case\'s output path and is not a packet an earlier run wrote there (or it was changed since); it was left as it is.',
    hint: 'Pass --overwrite to replace it, or choose another folder with -o or other names with --names.',
  };
}

/** What is at the output path; a path through a file (ENOTDIR) is nothing here and fails when the packet is moved in. */
function statOrNothing(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
