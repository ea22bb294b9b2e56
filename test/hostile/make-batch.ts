// Hostile inputs for batch runs, as pure functions: CSV files with broken rows, NDJSON with poisoned lines, case
// files whose names and fields are spreadsheet formulas, and a valid but very long PDF (a case slow to render).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCase, ROOT } from '../support/build-case.js';
import { caseYaml } from './case-yaml.js';
import { pdfFile, pdfStream } from './make-attachments.js';

const SAMPLE = readFileSync(path.join(ROOT, 'samples', 'batch-cases.csv'), 'utf8').split('\n');
/** The header of samples/batch-cases.csv and its first row (case PA-2026-1201, patient Marta Kowalczyk). */
export const CSV_HEADER = SAMPLE[0]!;
const CSV_ROW = SAMPLE[1]!;
export const PATIENT_NAME = 'Kowalczyk';

/** A CSV row of the sample case with another case ID. */
export function csvRow(caseId: string): string {
  return CSV_ROW.replace('PA-2026-1201', caseId);
}

export interface HostileCsv {
  text: Uint8Array;
  /** Line → what the row is: a case ID (renders) or the kind of damage (fails alone). */
  rows: Map<number, string>;
}

/**
 * `good` valid rows, with damaged rows among them: a short row, a stray quote, a quote opened in a patient's
 * name and never closed, an unnamed extra cell; plus a BOM, CRLF line ends, empty lines and a row of empty cells.
 */
export function hostileCsv(good: number): HostileCsv {
  const lines: string[] = [CSV_HEADER];
  const rows = new Map<number, string>();
  const damage: Record<number, () => string> = {
    3: () => csvRow('BAD-SHORT').split(',').slice(0, 12).join(','),
    7: () => '',
    9: () => csvRow('BAD-STRAY').replace('Marta', 'Ma"rta'),
    14: () => csvRow('BAD-UNTERMINATED').replace('Marta,Kowalczyk', '"Marta,Kowalczyk'),
    20: () => CSV_HEADER.split(',').map(() => '').join(','),
    25: () => `${csvRow('BAD-EXTRA')},surplus`,
  };
  let n = 0;
  while (n < good) {
    const line = lines.length + 1;
    const bad = damage[line];
    if (bad) {
      const text = bad();
      lines.push(text);
      if (text.replace(/,/g, '').trim()) rows.set(line, 'damaged');
      continue;
    }
    const id = `G-${String(n++).padStart(3, '0')}`;
    lines.push(csvRow(id));
    rows.set(line, id);
  }
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  return { text: Buffer.concat([bom, Buffer.from(`${lines.join('\r\n')}\r\n`)]), rows };
}

/** NDJSON: a good case, a line that is not JSON and holds a patient's name, a line nested 100,000 deep, a good case. */
export function poisonedNdjson(): string {
  const good = (id: string) => JSON.stringify(buildCase((c) => ((c.caseId = id), (c.payer = 'generic-commercial'), (c.attachments = []))));
  return [good('N-1'), `{"patient": {"lastName": "${PATIENT_NAME}", "firstName": "Marta" "memberId": "NW440918221"}}`, `{"extra": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, good('N-2')].join('\n');
}

/** Case files named and filled like spreadsheet formulas (names and fields that reach report.csv). */
export function formulaFiles(): Record<string, string> {
  return {
    '=HYPERLINK("http:evil","open").yaml': caseYaml(undefined, (c) => (c.caseId = 'F-1')),
    '@SUM(1+1).yaml': caseYaml(undefined, (c) => ((c.caseId = 'F-2'), (c.payer = '=HYPERLINK("http:evil","x")'))),
    "+1+cmd|' -C calc'!A0.yaml": caseYaml(undefined, (c) => (c.caseId = '-2+3')),
    '\t=1+1.yaml': caseYaml(undefined, (c) => (c.caseId = 'F-4')),
  };
}

/** A valid PDF of `pages` pages of text, each with its own content: slow to merge and stamp when long, so a case
 * with it takes a while. */
export function longPdf(pages: number): Uint8Array {
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i * 2} 0 R`);
  const objects: (string | Buffer)[] = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  for (let i = 0; i < pages; i++) {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`);
    objects.push(pdfStream('', `BT /F1 12 Tf 72 720 Td (Clinical note page ${i + 1}) Tj ET`));
  }
  return pdfFile(objects);
}
