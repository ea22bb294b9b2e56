// The batch run report: one row per case, as report.json and report.csv in the output folder, written atomically;
// and the journal that records each finished case as it happens, so an interrupted run can be resumed.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { writePacket } from '../write/write-packet.js';

export interface ReportRow {
  caseId: string;
  /** File and line the case came from. */
  input: string;
  payer: string;
  status: 'ok' | 'failed' | 'skipped';
  exitCode: number;
  /** Output path relative to the output folder. */
  output: string;
  pages: number | null;
  bytes: number | null;
  sha256: string | null;
  /** SHA-256 of the input (the case and the options that change the packet), for --resume. */
  inputSha256: string;
  warnings: { code: string; message: string }[];
  errors: { code: string; message: string }[];
  ms: number;
}

export const JOURNAL = '.authpack-journal.ndjson';

export function appendJournal(outDir: string, row: ReportRow): void {
  appendFileSync(path.join(outDir, JOURNAL), `${JSON.stringify(row)}\n`, { mode: 0o600 });
}

/** Rows of the previous run: its report, or the journal of a run that was interrupted. */
export function readPreviousRows(outDir: string): ReportRow[] {
  const rows: ReportRow[] = [];
  const report = path.join(outDir, 'report.json');
  if (existsSync(report)) {
    try {
      rows.push(...(JSON.parse(readFileSync(report, 'utf8')) as { cases: ReportRow[] }).cases);
    } catch {
      /* an unreadable report is ignored: those cases are rendered again */
    }
  }
  const journal = path.join(outDir, JOURNAL);
  if (existsSync(journal)) {
    for (const line of readFileSync(journal, 'utf8').split('\n')) {
      try {
        if (line.trim()) rows.push(JSON.parse(line) as ReportRow);
      } catch {
        /* a line cut by a kill is ignored */
      }
    }
  }
  return rows;
}

export function writeReport(outDir: string, summary: object, rows: readonly ReportRow[], tempDir: string): void {
  writePacket(new TextEncoder().encode(`${JSON.stringify({ ...summary, cases: rows }, null, 2)}\n`), path.join(outDir, 'report.json'), { tempDir });
  const csv = stringify(
    rows.map((r) => [r.caseId, r.input, r.payer, r.status, r.exitCode, r.output, r.pages ?? '', r.bytes ?? '', r.sha256 ?? '', r.warnings.map(line).join('; '), r.errors.map(line).join('; '), r.ms]),
    { header: true, columns: ['caseId', 'input', 'payer', 'status', 'exitCode', 'output', 'pages', 'bytes', 'sha256', 'warnings', 'errors', 'ms'] },
  );
  writePacket(new TextEncoder().encode(csv), path.join(outDir, 'report.csv'), { tempDir });
}

const line = (d: { code: string; message: string }) => `${d.code}: ${d.message}`;

export function splitDiagnostics(diagnostics: readonly Diagnostic[]): Pick<ReportRow, 'warnings' | 'errors'> {
  const pick = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).map((d) => ({ code: d.code, message: d.message }));
  return { warnings: pick('warning'), errors: pick('error') };
}
