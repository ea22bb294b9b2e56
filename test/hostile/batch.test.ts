// Hostile inputs to `authpack batch` (run the built CLI: `npm run build --silent` first): broken CSV rows and
// NDJSON lines fail alone, report.csv cannot carry a formula, nothing repeats a patient's name, and the output
// folder, the worker count, the names and a slow case are all held to documented exit codes.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvRow, formulaFiles, hostileCsv, longPdf, PATIENT_NAME, poisonedNdjson } from './make-batch.js';
import { caseYaml, checkHostile } from './run-hostile.js';

interface Report {
  total: number;
  cases: { caseId: string; input: string; status: string; exitCode: number; errors: { code: string; message: string }[] }[];
}
const report = (dir: string, out = 'out'): Report => JSON.parse(readFileSync(path.join(dir, out, 'report.json'), 'utf8')) as Report;
const DATE = ['--date', '2026-11-26', '--quiet'];

describe('authpack batch under hostile input', () => {
  it('a CSV with a short row, stray and unterminated quotes, BOM, CRLF and empty lines: each bad row fails alone', async () => {
    const csv = hostileCsv(24);
    await checkHostile({
      name: 'hostile CSV',
      files: { 'day.csv': csv.text },
      args: ['batch', 'day.csv', '-o', 'out', ...DATE],
      exit: 7,
      mentions: ['day.csv:3', 'day.csv:9', 'day.csv:14', 'day.csv:25', 'batch/csv-row'],
      maxMs: 60_000,
      then: (run, dir) => {
        const r = report(dir);
        // Exactly one report row per row of the file that holds anything, in file order.
        expect(r.cases.map((c) => Number(c.input.split(':').at(-1)))).toEqual([...csv.rows.keys()]);
        for (const c of r.cases) {
          const expected = csv.rows.get(Number(c.input.split(':').at(-1)));
          if (expected === 'damaged') expect([c.status, c.errors[0]?.code]).toEqual(['failed', 'batch/csv-row']);
          else expect([c.caseId, c.status]).toEqual([expected, 'ok']);
        }
        expect(`${run.stderr}${readFileSync(path.join(dir, 'out', 'report.csv'), 'utf8')}`).not.toContain(PATIENT_NAME);
      },
    });
  });

  it('report.csv neutralises formulas in file names, case IDs and payers', async () => {
    await checkHostile({
      name: 'formula injection',
      files: formulaFiles(),
      args: ['batch', ...Object.keys(formulaFiles()), '-o', 'out', ...DATE],
      exit: 7,
      mentions: ['2 written', '@SUM(1+1).yaml'],
      maxMs: 60_000,
      then: (_run, dir) => {
        const cells = (parse(readFileSync(path.join(dir, 'out', 'report.csv')), { relax_column_count: false }) as string[][]).flat();
        expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
        for (const value of ['=HYPERLINK("http:evil","open").yaml', '=HYPERLINK("http:evil","x")', '-2+3', "+1+cmd|' -C calc'!A0.yaml", '\t=1+1.yaml']) expect(cells).toContain(`'${value}`);
        expect(report(dir).cases.map((c) => c.status)).toEqual(['ok', 'failed', 'failed', 'ok']);
      },
    });
  });

  it("an NDJSON line that is not JSON is reported by line and column, never by its text (a patient's name)", async () => {
    await checkHostile({
      name: 'NDJSON line with a name',
      files: { 'day.ndjson': poisonedNdjson() },
      args: ['batch', 'day.ndjson', '-o', 'out', ...DATE],
      exit: 7,
      mentions: ['day.ndjson:2', /Line 2 of day\.ndjson is not valid JSON: a comma was expected at column \d+/, 'day.ndjson:3', 'batch/too-deep'],
      maxMs: 60_000,
      then: (run, dir) => {
        const all = `${run.stderr}${run.stdout}${readFileSync(path.join(dir, 'out', 'report.json'), 'utf8')}${readFileSync(path.join(dir, 'out', 'report.csv'), 'utf8')}`;
        for (const identity of [PATIENT_NAME, 'Marta', 'NW440918221']) expect(all).not.toContain(identity);
        // The nested line fails alone: the cases around it are written.
        expect(report(dir).cases.map((c) => [c.caseId, c.status])).toEqual([
          ['N-1', 'ok'],
          ['', 'failed'],
          ['', 'failed'],
          ['N-2', 'ok'],
        ]);
      },
    });
  });

  it('-o naming an existing file is exit 6', async () => {
    await checkHostile({
      name: '-o on a file',
      files: { 'a.yaml': caseYaml(), 'notes.txt': 'my notes\n' },
      args: ['batch', 'a.yaml', '-o', 'notes.txt', ...DATE],
      exit: 6,
      mentions: ['batch/output-not-folder', 'notes.txt'],
      then: (_run, dir) => expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('my notes\n'),
    });
  });

  it('--concurrency 1000 is capped to what the machine can run, with a warning', async () => {
    await checkHostile({
      name: '--concurrency 1000',
      files: { 'a.yaml': caseYaml() },
      args: ['batch', 'a.yaml', '-o', 'out', '--concurrency', '1000', ...DATE],
      exit: 0,
      mentions: ['batch/concurrency-capped', '--concurrency 1000'],
      maxRssMiB: 600,
    });
  });

  it("a batch into its own input folder never reads its report, journal or temp folder as cases", async () => {
    const previous = `{\n  "generatedBy": "authpack",\n  "cases": []\n}\n`;
    await checkHostile({
      name: 'own folder',
      files: { 'cases/a.yaml': caseYaml(), 'cases/report.json': previous, 'cases/.authpack-journal.ndjson': '{"not":"a case"}\n', 'cases/.authpack-tmp/stale.yaml': caseYaml() },
      args: ['batch', 'cases', '-o', 'cases', '--overwrite', ...DATE],
      exit: 0,
      mentions: ['1 written', 'of 1 cases'],
      then: (_run, dir) => {
        expect(report(dir, 'cases').cases.map((c) => c.input)).toEqual([path.join('cases', 'a.yaml')]);
        expect(readFileSync(path.join(dir, 'cases', 'report.previous.json'), 'utf8')).toBe(previous);
      },
    });
    await checkHostile({
      name: 'own report passed as an input',
      files: { 'cases/a.yaml': caseYaml(), 'cases/report.json': previous },
      args: ['batch', 'cases/a.yaml', 'cases/report.json', '-o', 'cases', ...DATE],
      exit: 7,
      mentions: ['batch/own-file', 'cases/report.json'],
    });
  });

  it("a file of the user's where --names wants a folder fails that case with 6 and is left as it was", async () => {
    await checkHostile({
      name: 'file in the way of a names folder',
      files: { 'a.yaml': caseYaml(), 'out/generic-commercial': 'my notes\n' },
      args: ['batch', 'a.yaml', '-o', 'out', '--names', '{payer}/{caseId}.pdf', '--resume', ...DATE],
      exit: 7,
      mentions: ['a.yaml', 'write/not-writable', 'a part of the path is a file'],
      then: (_run, dir) => {
        expect(readFileSync(path.join(dir, 'out', 'generic-commercial'), 'utf8')).toBe('my notes\n');
        expect(report(dir).cases.map((c) => [c.status, c.exitCode])).toEqual([['failed', 6]]);
      },
    });
  });

  it('--names cannot put packets in the temp folder or on the journal', async () => {
    for (const names of ['.authpack-tmp/{caseId}.pdf', '.authpack-journal.ndjson', '../{caseId}.pdf']) {
      await checkHostile({ name: `--names ${names}`, files: { 'a.yaml': caseYaml() }, args: ['batch', 'a.yaml', '-o', 'out', '--names', names, ...DATE], exit: 2, mentions: ['usage/bad-names', names], absent: ['out'] });
    }
  });

  it('a case slower than --case-timeout is stopped and reported (exit 5 in its row), and nothing is left behind', async () => {
    await checkHostile({
      name: 'slow case',
      files: { 'long.pdf': () => longPdf(300), 'slow.yaml': caseYaml('long.pdf', (c) => (c.caseId = 'SLOW-1')) },
      args: ['batch', 'slow.yaml', '-o', 'out', '--case-timeout', '0.2', ...DATE],
      exit: 7,
      mentions: ['batch/case-timeout', '--case-timeout 0.2 s'],
      absent: ['out/SLOW-1.pdf'],
      then: (_run, dir) => expect(report(dir).cases.map((c) => [c.caseId, c.status, c.exitCode])).toEqual([['SLOW-1', 'failed', 5]]),
    });
  });

  it('a pipe among the inputs fails alone instead of hanging the run', async () => {
    await checkHostile({
      name: 'FIFO inputs',
      files: { 'cases/a.yaml': caseYaml() },
      setup: (dir) => {
        execFileSync('mkfifo', [path.join(dir, 'day.ndjson'), path.join(dir, 'cases', 'b.yaml')]);
      },
      args: ['batch', 'day.ndjson', 'cases', '-o', 'out', ...DATE],
      exit: 7,
      mentions: ['batch/input-not-file', 'day.ndjson', path.join('cases', 'b.yaml')],
      then: (_run, dir) => expect(report(dir).cases.map((c) => c.status)).toEqual(['failed', 'ok', 'failed']),
    });
  });

  it('a case whose attachment is a pipe nobody writes to ends within its time limit', async () => {
    await checkHostile({
      name: 'FIFO attachment',
      files: { 'c.yaml': caseYaml('pipe.pdf', (c) => (c.caseId = 'PIPE-1')) },
      setup: (dir) => {
        execFileSync('mkfifo', [path.join(dir, 'pipe.pdf')]);
      },
      args: ['batch', 'c.yaml', '-o', 'out', '--case-timeout', '3', ...DATE],
      exit: 7,
      mentions: ['c.yaml (case PIPE-1)'],
      absent: ['out/PIPE-1.pdf'],
      then: (_run, dir) => expect(report(dir).cases.map((c) => [c.caseId, c.status])).toEqual([['PIPE-1', 'failed']]),
    });
  });

  it('a CSV whose header repeats a column with different values fails those rows alone', async () => {
    const header = `${CSV_HEADER},caseId`;
    await checkHostile({
      name: 'duplicate CSV column',
      files: { 'd.csv': [header, `${csvRow('D-1')},D-1`, `${csvRow('D-2')},D-9`].join('\n') },
      args: ['batch', 'd.csv', '-o', 'out', ...DATE],
      exit: 7,
      mentions: ['d.csv:3', 'the header names `caseId` twice'],
      then: (_run, dir) => expect(report(dir).cases.map((c) => c.status)).toEqual(['ok', 'failed']),
    });
  });
});
