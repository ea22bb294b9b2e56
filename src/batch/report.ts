// The batch run report: one row per case, as report.json and report.csv in the output folder, written atomically;
// the report of the run before is kept as report.previous.json / .csv, so a later run never erases it.
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { writePacket } from '../write/write-packet.js';
import { PREVIOUS_CSV, PREVIOUS_JSON, REPORT_CSV, REPORT_JSON } from './own-files.js';

export interface ReportRow {
  caseId: string;
  /** File and line the case came from. */
  input: string;
  payer: string;
  /** `interrupted`: the run was stopped (Ctrl-C, SIGTERM) while this case was rendering; nothing was written. */
  status: 'ok' | 'failed' | 'skipped' | 'interrupted';
  exitCode: number;
  /** Output path relative to the output folder. */
  output: string;
  pages: number | null;
  bytes: number | null;
  sha256: string | null;
  /**
   * SHA-256 of everything the packet's bytes depend on: the case, its attachments, the payer profile folder, the
   * template folders, the options and the authpack version. `--resume` skips a case only when this is unchanged.
   */
  inputSha256: string;
  warnings: { code: string; message: string }[];
  errors: { code: string; message: string }[];
  ms: number;
}

export function writeReport(outDir: string, summary: object, rows: readonly ReportRow[], tempDir: string): void {
  for (const [now, before] of [
    [REPORT_JSON, PREVIOUS_JSON],
    [REPORT_CSV, PREVIOUS_CSV],
  ] as const) {
    if (existsSync(path.join(outDir, now))) renameSync(path.join(outDir, now), path.join(outDir, before));
  }
  writePacket(new TextEncoder().encode(`${JSON.stringify({ generatedBy: 'authpack', ...summary, cases: rows }, null, 2)}\n`), path.join(outDir, REPORT_JSON), { tempDir });
  const csv = stringify(
    rows.map((r) => [r.caseId, r.input, r.payer, r.status, r.exitCode, r.output, r.pages ?? '', r.bytes ?? '', r.sha256 ?? '', r.warnings.map(line).join('; '), r.errors.map(line).join('; '), r.ms].map(csvCell)),
    { header: true, columns: ['caseId', 'input', 'payer', 'status', 'exitCode', 'output', 'pages', 'bytes', 'sha256', 'warnings', 'errors', 'ms'] },
  );
  writePacket(new TextEncoder().encode(csv), path.join(outDir, REPORT_CSV), { tempDir });
}

const line = (d: { code: string; message: string }) => `${d.code}: ${d.message}`;

/**
 * A text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return,
 * or their full-width forms) gets a leading single quote, as OWASP advises for CSV injection; the rest of the cell
 * is kept as it was. Numbers are written as numbers.
 */
export function csvCell(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}

export function splitDiagnostics(diagnostics: readonly Diagnostic[]): Pick<ReportRow, 'warnings' | 'errors'> {
  const pick = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).map((d) => ({ code: d.code, message: d.message }));
  return { warnings: pick('warning'), errors: pick('error') };
}
