// Checks raw case data against format v1 and its cross-field rules; reports every problem at once.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceMap } from '../load/source-map.js';
import { caseSchema, type Case } from './case-schema.js';
import { checkCaseRules } from './check-case-rules.js';
import { issueToDiagnostics } from './issue-to-diagnostic.js';
import { normalizeRaw } from './normalize-raw.js';
import { checkScripts } from './check-scripts.js';

export interface ValidateOptions {
  /** Where the data came from, to give each problem a file:line. */
  source?: SourceMap;
  /** The day the packet is made (YYYY-MM-DD); dates of past events may not be after it. Default: today (UTC). */
  today?: string;
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
  const diagnostics: Diagnostic[] = [];
  const data = normalizeRaw(raw, diagnostics);
  diagnostics.push(...checkScripts(data));
  const parsed = caseSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) for (const issue of parsed.error.issues) diagnostics.push(...issueToDiagnostics(caseSchema, issue));
  diagnostics.push(...checkCaseRules(data, today));
  if (options.source) for (const d of diagnostics) if (d.path) d.place = options.source.locate(d.path, { key: d.code === 'validate/unknown-field' });
  diagnostics.sort(byPlace);
  const ok = parsed.success && !diagnostics.some((d) => d.severity === 'error');
  return ok ? { case: parsed.data, diagnostics } : { diagnostics };
}

function byPlace(a: Diagnostic, b: Diagnostic): number {
  return (a.place?.line ?? Infinity) - (b.place?.line ?? Infinity) || (a.place?.column ?? 0) - (b.place?.column ?? 0);
}
