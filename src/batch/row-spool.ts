// Report rows of a running batch, kept on disk instead of in memory: each finished case appends its row (with its
// place in the input) to a file in the run's temporary folder, and the rows are read back in input order only once
// the render pool is closed, when its worker threads' memory is free again. So the run's memory does not grow
// with the number of cases (1,000 and 10,000 cases peak alike).
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { ReportRow } from './report.js';

export class RowSpool {
  private readonly file: string;
  private fd: number | undefined;
  /** Rows that could not be written (a full disk): kept in memory rather than lost from the report. */
  private readonly kept: [number, ReportRow][] = [];
  /** Bytes of whole lines in the file; a failed write stops the writing (its partial line is never read). */
  private whole = 0;
  private failed = false;

  constructor(tempDir: string) {
    this.file = path.join(tempDir, 'rows.ndjson');
    try {
      mkdirSync(tempDir, { recursive: true, mode: 0o700 });
      this.fd = openSync(this.file, 'w', 0o600);
    } catch {
      this.fd = undefined;
    }
  }

  add(index: number, row: ReportRow): void {
    const line = `${JSON.stringify([index, row])}\n`;
    try {
      if (this.fd === undefined || this.failed) throw new Error('no spool file');
      const bytes = Buffer.from(line);
      if (writeSync(this.fd, bytes) !== bytes.length) throw new Error('short write');
      this.whole += bytes.length;
    } catch {
      this.failed = this.fd !== undefined;
      this.kept.push([index, row]);
    }
  }

  /** Every row added, in input order; the spool takes no more rows. */
  rows(): ReportRow[] {
    const rows = [...this.kept];
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
      const text = readFileSync(this.file).subarray(0, this.whole).toString('utf8');
      for (let at = 0, end = text.indexOf('\n'); end >= 0; at = end + 1, end = text.indexOf('\n', at)) rows.push(JSON.parse(text.slice(at, end)) as [number, ReportRow]);
    }
    return rows.sort((a, b) => a[0] - b[0]).map((r) => r[1]);
  }
}
