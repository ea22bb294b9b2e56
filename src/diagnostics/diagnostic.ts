// The one finding type used from loading to the CLI: what is wrong, where, and what to do next.

export type Severity = 'error' | 'warning' | 'info';

/** A position in a source file (case file or template), 1-based. */
export interface Place {
  file: string;
  line?: number;
  column?: number;
}

export interface Diagnostic {
  /** Stable, namespaced id such as `validate/npi-check-digit`; safe to grep and document. */
  code: string;
  severity: Severity;
  /** What is wrong, in a coordinator's words. */
  message: string;
  /** Case path, e.g. `['prescriber', 'npi']`. */
  path?: (string | number)[];
  place?: Place;
  /** What to do next. */
  hint?: string;
  /** Machine-readable detail for `--format json` (e.g. the appeal deadlines of `preflight/appeal-deadline`). */
  data?: Record<string, unknown>;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `['priorTherapies', 3, 'end']` → `priorTherapies[3].end` */
export function formatPath(path: readonly (string | number)[] | undefined): string {
  if (!path || path.length === 0) return '';
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}
