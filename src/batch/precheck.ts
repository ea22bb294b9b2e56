// Before anything renders: reads every case once for its id, payer, attachments and output name, and stops the run
// if two cases share a case id or an output name, or if packets this run would write already exist and neither
// --overwrite nor --resume says what to do with them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError, OutputError } from '../diagnostics/errors.js';
import { loadCase } from '../load/load-case.js';
import { outputName } from './output-name.js';
import { readInputs } from './read-inputs.js';

/** What the main thread needs of a case: its id, payer, attachment paths and output name. */
export interface CaseMeta {
  caseId: string;
  payer: unknown;
  attachments: unknown[];
  /** `signature.image` as the case gives it. */
  signatureImage?: unknown;
  output: string;
}

/** What the main thread needs of a case, from its parsed data. */
export function caseMeta(raw: unknown, names: string): CaseMeta {
  const data = (raw && typeof raw === 'object' ? raw : {}) as { caseId?: unknown; payer?: unknown; attachments?: unknown; signature?: unknown };
  const attachments = Array.isArray(data.attachments) ? data.attachments.map((a: unknown) => (a && typeof a === 'object' ? (a as { file?: unknown }).file : undefined)) : [];
  const signatureImage = data.signature && typeof data.signature === 'object' ? (data.signature as { image?: unknown }).image : undefined;
  return {
    caseId: typeof data.caseId === 'string' || typeof data.caseId === 'number' ? String(data.caseId) : '',
    payer: data.payer,
    attachments,
    ...(signatureImage !== undefined ? { signatureImage } : {}),
    output: outputName(names, raw),
  };
}

export interface PrecheckOptions {
  names: string;
  outDir: string;
  overwrite: boolean;
  resume: boolean;
  /** Aborted: stop reading and resolve to undefined. */
  signal?: AbortSignal;
}

/** `known`: what the run needs of each case read from a file (cases from lines and rows: see caseMeta). */
export async function precheck(inputs: readonly string[], options: PrecheckOptions): Promise<{ total: number; known: Map<string, CaseMeta> } | undefined> {
  const ids = new Map<string, string[]>();
  const outputs = new Map<string, string[]>();
  const known = new Map<string, CaseMeta>();
  const existing: string[] = [];
  let total = 0;
  for await (const input of readInputs(inputs, options.outDir)) {
    if (options.signal?.aborted) return undefined;
    total++;
    if (input.error) continue; // reported when the case runs
    let raw = input.raw;
    if (input.file) {
      try {
        raw = loadCase(input.file).raw;
      } catch {
        continue; // reported when the case runs
      }
    }
    const meta = caseMeta(raw, options.names);
    const { output } = meta;
    // A case file is kept by what the run needs of it, so it is not parsed twice; a case read from a line or row
    // arrives parsed again with its input, and caseMeta() gives the same from it (nothing kept per case).
    if (input.file) known.set(input.label, meta);
    const caseId = (raw as { caseId?: unknown } | undefined)?.caseId;
    // A case without an id fails validation on its own; it must not make the others look like duplicates.
    if (caseId === undefined) continue;
    ids.set(String(caseId), [...(ids.get(String(caseId)) ?? []), input.label]);
    outputs.set(output, [...(outputs.get(output) ?? []), input.label]);
    if (!options.overwrite && !options.resume && existsSync(path.join(options.outDir, output))) existing.push(input.label);
  }
  const diagnostics: Diagnostic[] = [];
  for (const [id, where] of ids) {
    if (where.length > 1) diagnostics.push({ code: 'batch/duplicate-case-id', severity: 'error', message: `Case ID ${id} appears ${where.length} times: ${where.join(', ')}.`, hint: 'Give each case its own caseId; nothing was rendered.' });
  }
  for (const where of outputs.values()) {
    if (where.length > 1 && !diagnostics.some((d) => where.every((w) => d.message.includes(w)))) {
      // The name itself is not repeated: a --names template may build it from the patient's name.
      diagnostics.push({ code: 'batch/duplicate-output', severity: 'error', message: `${where.length} cases would be written to the same file by --names "${options.names}": ${where.join(', ')}.`, hint: 'Use a --names template that tells them apart, e.g. "{caseId}-{payer}.pdf"; nothing was rendered.' });
    }
  }
  if (diagnostics.length) throw new InputError(diagnostics);
  if (existing.length) {
    const shown = existing.slice(0, 3).join(', ') + (existing.length > 3 ? ` and ${existing.length - 3} more` : '');
    throw new OutputError([
      {
        code: 'batch/outputs-exist',
        severity: 'error',
        message: `${existing.length} of the packets this run would write already exist in ${options.outDir} (the cases at ${shown}); nothing was rendered and nothing was changed.`,
        hint: 'Pass --resume to keep the packets whose case and settings are unchanged and render the rest, or --overwrite to render every case again and replace them; or choose another folder with -o.',
      },
    ]);
  }
  return { total, known };
}
