// Output file names from a template such as "{caseId}.pdf" or "{payer}/{caseId}-{request.kind}.pdf", sanitised.
import { UsageError } from '../diagnostics/errors.js';

export const DEFAULT_NAMES = '{caseId}.pdf';

/** Replaces `{path}` with the case's value at that dotted path; each value is made safe as one path segment. */
export function outputName(template: string, data: unknown): string {
  const name = template.replace(/\{([A-Za-z0-9_.]+)\}/g, (_, p: string) => {
    const value = p.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' && Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined), data);
    return sanitize(value === undefined || value === null || typeof value === 'object' ? 'unknown' : String(value));
  });
  // A segment never starts with a dot: no climbing out of the output folder, no hidden files, and never the
  // batch's own temp folder or journal (checkNamesTemplate refuses such templates; this is the last guard).
  const parts = name.split('/').map((s) => s.trim().replace(/^\.+/, '')).filter(Boolean);
  const joined = parts.join('/') || 'packet.pdf';
  return /\.pdf$/i.test(joined) ? joined : `${joined}.pdf`;
}

/** Refuses a --names template whose own text would put packets in a hidden place (`.authpack-tmp/…`, `../…`). */
export function checkNamesTemplate(template: string): void {
  const bad = template.split('/').find((segment) => segment.trim().startsWith('.'));
  if (bad === undefined) return;
  throw new UsageError([
    {
      code: 'usage/bad-names',
      severity: 'error',
      message: `--names "${template}" has a part that starts with a dot ("${bad}"): packets would go to a hidden file or folder, or outside the output folder (the batch keeps its temporary files in .authpack-tmp and its journal in .authpack-journal.ndjson).`,
      hint: 'Use names made of case fields and plain folder names, e.g. "{payer}/{caseId}.pdf".',
    },
  ]);
}

/** Letters, digits, dot, dash and underscore; everything else becomes "_" (no separators, no leading dots). */
export function sanitize(value: string): string {
  return (
    value
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 120) || '_'
  );
}
