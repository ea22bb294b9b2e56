// Checks raw case data against format v1 and its cross-field rules; reports every problem at once.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceMap } from '../load/source-map.js';
import { caseSchema, type Case } from './case-schema.js';
import { checkSignatureRules } from './check-signature-rules.js';
import { checkCaseRules } from './check-case-rules.js';
import { checkRawShape } from './check-raw-shape.js';
import { issueToDiagnostics } from './issue-to-diagnostic.js';
import { normalizeRaw } from './normalize-raw.js';
import { checkScripts } from './check-scripts.js';
import { checkAttachmentFiles, type AttachmentFileOptions } from './check-attachment-files.js';
import { checkPayerId } from './check-payer-id.js';
import { readNumbersAsTyped } from './read-numbers-as-typed.js';

export interface ValidateOptions {
  /** Where the data came from, to give each problem a file:line. */
  source?: SourceMap;
  /** The day the packet is made (YYYY-MM-DD); dates of past events may not be after it. Default: today (UTC). */
  today?: string;
  /** Check that every attachment file is there, relative to `baseDir` (not whether it can be used: that needs reading it). */
  attachmentFiles?: AttachmentFileOptions;
  /** Check that the case's `payer` names a payer profile, searching these folders before the built-in ones. */
  payerDirs?: readonly string[];
}

export interface ValidationResult {
  /** The validated case, present only when there is no error. */
  case?: Case;
  diagnostics: Diagnostic[];
}

/**
 * Validates raw case data (from YAML, JSON or your own code).
 * @example
 *   const { case: c, diagnostics } = validateCase(JSON.parse(text));
 *   if (!c) console.error(formatDiagnostics(diagnostics));
 */
export function validateCase(raw: unknown, options: ValidateOptions = {}): ValidationResult {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  // Unsafe or unbounded data is refused before anything copies or walks it.
  const shape = checkRawShape(raw);
  if (shape.length > 0) return { diagnostics: locate(shape, options.source) };
  const diagnostics: Diagnostic[] = [];
  const data = normalizeRaw(raw, diagnostics);
  readNumbersAsTyped(data, options.source);
  diagnostics.push(...checkScripts(data));
  const parsed = caseSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) for (const issue of parsed.error.issues) diagnostics.push(...issueToDiagnostics(caseSchema, issue, options.source));
  diagnostics.push(...checkCaseRules(data, today, options.source));
  diagnostics.push(...checkSignatureRules(data));
  if (options.payerDirs) diagnostics.push(...checkPayerId(data, options.payerDirs));
  if (options.attachmentFiles) diagnostics.push(...checkAttachmentFiles(data, options.attachmentFiles));
  locate(diagnostics, options.source);
  diagnostics.sort(byPlace);
  const ok = parsed.success && !diagnostics.some((d) => d.severity === 'error');
  return ok ? { case: parsed.data, diagnostics } : { diagnostics: capped(diagnostics) };
}

function locate(diagnostics: Diagnostic[], source: SourceMap | undefined): Diagnostic[] {
  const keyed = new Set(['validate/unknown-field', 'validate/forbidden-key']);
  if (source) for (const d of diagnostics) if (d.path && !d.place) d.place = source.locate(d.path, { key: keyed.has(d.code) });
  return diagnostics;
}

/** A case with thousands of problems is not a case with typos: show the first ones and say how many more. */
const MAX_REPORTED = 100;
function capped(diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length <= MAX_REPORTED) return diagnostics;
  const rest = diagnostics.length - MAX_REPORTED;
  return [
    ...diagnostics.slice(0, MAX_REPORTED),
    { code: 'validate/too-many-problems', severity: 'error', message: `…and ${rest.toLocaleString('en-US')} more problems, not shown.`, hint: 'Fix the problems above first; so many usually means the file is not a case, or a whole section is misplaced.' },
  ];
}

function byPlace(a: Diagnostic, b: Diagnostic): number {
  return (a.place?.line ?? Infinity) - (b.place?.line ?? Infinity) || (a.place?.column ?? 0) - (b.place?.column ?? 0);
}
