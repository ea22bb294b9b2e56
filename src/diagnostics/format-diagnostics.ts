// Renders diagnostics for people (one block per finding) or for programs (JSON, unchanged).
import { formatPath, type Diagnostic } from './diagnostic.js';

export type DiagnosticFormat = 'human' | 'json';

export function formatDiagnostic(d: Diagnostic): string {
  const where: string[] = [];
  if (d.place) {
    let p = d.place.file;
    if (d.place.line !== undefined) p += `:${d.place.line}`;
    if (d.place.line !== undefined && d.place.column !== undefined) p += `:${d.place.column}`;
    where.push(p);
  }
  const path = formatPath(d.path);
  if (path) where.push(`→ ${path}`);
  const head = `${d.severity}[${d.code}]${where.length ? ' ' + where.join(' ') : ''}`;
  const lines = [head, `  ${d.message}`];
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: DiagnosticFormat = 'human'): string {
  if (format === 'json') return JSON.stringify(diagnostics, null, 2);
  return diagnostics.map(formatDiagnostic).join('\n\n');
}

export function summarize(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  const e = count('error');
  const w = count('warning');
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(e, 'error')}, ${plural(w, 'warning')}`;
}
