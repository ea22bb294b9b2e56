// The `check` entry point: validate, load the payer profile, run preflight. Stops before compose; writes nothing.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/errors.js';
import type { SourceMap } from '../load/source-map.js';
import { loadPayer } from '../payers/load-payer.js';
import type { PayerProfile } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import type { AttachmentFileOptions } from '../validate/check-attachment-files.js';
import { validateCase } from '../validate/validate-case.js';
import { appealDeadlines, type AppealDeadlines } from '../appeal/deadlines.js';
import { runPreflight, type PreflightResult } from './run-preflight.js';

export interface CheckOptions {
  today: string;
  payer?: string;
  payerDirs?: readonly string[];
  source?: SourceMap;
  /** Check that the attachment files are there, relative to this folder (the case file's). */
  attachmentFiles?: AttachmentFileOptions;
}

export interface CheckResult extends PreflightResult {
  case: Case;
  payer: PayerProfile;
  /** On an appeal case: its filing deadline and decision clocks. */
  appealDeadlines?: AppealDeadlines;
}

/**
 * Throws InputError when the case is invalid (its payer id and attachment files included); otherwise returns
 * validation warnings plus preflight findings.
 */
export function checkCase(raw: unknown, options: CheckOptions): CheckResult {
  const validated = validateCase(raw, {
    today: options.today,
    ...(options.source ? { source: options.source } : {}),
    ...(options.payer ? {} : { payerDirs: options.payerDirs ?? [] }),
    ...(options.attachmentFiles ? { attachmentFiles: options.attachmentFiles } : {}),
  });
  if (!validated.case) throw new InputError(validated.diagnostics);
  const payer = loadPayer(options.payer ?? validated.case.payer, options.payerDirs ?? []);
  const preflight = runPreflight(validated.case, payer, { today: options.today });
  const diagnostics: Diagnostic[] = [...validated.diagnostics, ...preflight.diagnostics];
  if (options.source) for (const d of diagnostics) if (d.path && !d.place) d.place = options.source.locate(d.path);
  const deadlines = appealDeadlines(validated.case, options.today);
  return { ...preflight, diagnostics, case: validated.case, payer, ...(deadlines ? { appealDeadlines: deadlines } : {}) };
}
