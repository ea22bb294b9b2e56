// Batch readers under broken input: every CSV row or NDJSON line gives exactly one entry, a bad one fails alone with
// its line number, and no message repeats the content of the line.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/batch/read-csv.js';
import { readInputs } from '../../src/batch/read-inputs.js';
import { csvCell } from '../../src/batch/report.js';
import { workerCount } from '../../src/batch/concurrency.js';
import { checkNamesTemplate, outputName } from '../../src/batch/output-name.js';
import { UsageError } from '../../src/diagnostics/errors.js';
import { makeTempDir } from '../support/temp.js';

async function rows(text: string | Buffer): Promise<{ line: number; cells?: Record<string, string>; error?: string }[]> {
  const file = path.join(makeTempDir('csv'), 'in.csv');
  writeFileSync(file, text);
  const out = [];
  for await (const r of readCsv(file)) out.push({ line: r.line, ...(r.cells ? { cells: { ...r.cells } } : {}), ...(r.error ? { error: r.error.message } : {}) });
  return out;
}

describe('CSV rows', () => {
  it('a short row fails alone and the rows after it are read', async () => {
    const r = await rows('a,b,c\n1,2,3\n4,5\n6,7,8\n');
    expect(r.map((x) => [x.line, x.cells ? 'ok' : 'failed'])).toEqual([
      [2, 'ok'],
      [3, 'failed'],
      [4, 'ok'],
    ]);
    expect(r[1]!.error).toMatch(/Line 3 of .*in\.csv: the row has 2 cells where the header names 3 columns, so the cells from `c` on are missing/);
  });

  it('600 rows with a short row among them give 600 entries, one failed', async () => {
    const body = Array.from({ length: 600 }, (_, i) => (i === 268 ? `${i},only-two` : `${i},"x, y",z`));
    const r = await rows(`a,b,c\n${body.join('\n')}\n`);
    expect(r).toHaveLength(600);
    expect(r.filter((x) => x.error).map((x) => x.line)).toEqual([270]);
  });

  it('an unterminated quote fails its own line, not the rest of the file', async () => {
    const body = Array.from({ length: 50 }, (_, i) => `${i},"x, y",z`);
    body.splice(10, 0, '99,"Kowalczyk, Marta,z');
    const r = await rows(`a,b,c\n${body.join('\n')}\n`);
    expect(r).toHaveLength(51);
    expect(r.filter((x) => x.error).map((x) => x.line)).toEqual([12]);
    expect(r[10]!.error).toContain('quote');
    expect(r[10]!.error).not.toContain('Kowalczyk');
    expect(r[11]!.cells).toEqual({ a: '10', b: 'x, y', c: 'z' });
  });

  it('an unterminated quote with no quote after it swallows nothing either', async () => {
    const r = await rows('a,b\n1,"open\n2,x\n3,y\n');
    expect(r.map((x) => [x.line, x.cells ? 'ok' : 'failed'])).toEqual([
      [2, 'failed'],
      [3, 'ok'],
      [4, 'ok'],
    ]);
  });

  it('a stray quote inside a cell fails that row, naming the column', async () => {
    const r = await rows('a,name,c\n1,O"Brien,3\n2,ok,4\n');
    expect(r[0]!.error).toMatch(/Line 2 .*a double quote stands inside a cell that does not start with one \(column 2, `name`\)/);
    expect(r[0]!.error).not.toContain('Brien');
    expect(r[1]!.cells).toEqual({ a: '2', name: 'ok', c: '4' });
  });

  it('quoted cells may hold line breaks; the row keeps the line it starts on', async () => {
    const r = await rows('a,b\n1,"two\nlines"\n2,x\n');
    expect(r).toEqual([
      { line: 2, cells: { a: '1', b: 'two\nlines' } },
      { line: 4, cells: { a: '2', b: 'x' } },
    ]);
  });

  it('reads a BOM, CRLF line ends, empty lines and rows of empty cells', async () => {
    const r = await rows(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\r\n\r\n1,2\r\n,\r\n\r\n3,4')]));
    expect(r).toEqual([
      { line: 3, cells: { a: '1', b: '2' } },
      { line: 6, cells: { a: '3', b: '4' } },
    ]);
  });

  it('a duplicate or empty header name fails only the rows it makes ambiguous', async () => {
    const r = await rows('a,b,a,\n1,2,1,\n1,2,3,\n1,2,,x\n');
    expect(r[0]!.cells).toEqual({ a: '1', b: '2' });
    expect(r[1]!.error).toMatch(/the header names `a` twice \(columns 1 and 3\)/);
    expect(r[2]!.error).toMatch(/column 4 has a value, but the header gives that column no field name/);
  });

  it('extra cells fail a row only when they hold something', async () => {
    const r = await rows('a,b\n1,2,,\n1,2,3\n');
    expect(r[0]!.cells).toEqual({ a: '1', b: '2' });
    expect(r[1]!.error).toMatch(/column 3 has a value but no field name/);
  });

  it('a header that cannot be read fails every row, each with its line', async () => {
    const r = await rows('a,"b\n1,2\n3,4\n');
    expect(r.every((x) => x.error)).toBe(true);
    expect(r.map((x) => x.line)).toEqual([1, 2, 3]);
    expect(r[1]!.error).toMatch(/the header \(line 1\) is not valid CSV/);
  });

  it('a row that is not UTF-8 fails alone', async () => {
    const r = await rows(Buffer.concat([Buffer.from('a,b\n1,Jos'), Buffer.from([0xe9]), Buffer.from('\n2,x\n')]));
    expect(r[0]!.error).toMatch(/not UTF-8/);
    expect(r[1]!.cells).toEqual({ a: '2', b: 'x' });
  });
});

describe('NDJSON lines and folders', () => {
  it('reports a line that is not JSON by line and column, never by its text', async () => {
    const dir = makeTempDir('ndjson');
    const file = path.join(dir, 'day.ndjson');
    writeFileSync(file, ['{"caseId":"A"}', '{"patient":{"lastName":"Kowalczyk" "firstName":"Marta"}}', '', '[broken', '{"caseId":"B"}'].join('\n'));
    const got = [];
    for await (const i of readInputs([file])) got.push(i);
    expect(got.map((i) => i.label.replace(/^.*[\\/]/, ''))).toEqual(['day.ndjson:1', 'day.ndjson:2', 'day.ndjson:4', 'day.ndjson:5']);
    expect(got[1]!.error!.message).toBe(`Line 2 of ${file} is not valid JSON: a comma was expected at column 36.`);
    expect(got[2]!.error!.message).toBe(`Line 4 of ${file} is not valid JSON: a character that cannot start a value at column 2.`);
    expect(JSON.stringify(got.map((i) => i.error))).not.toMatch(/Kowalczyk|Marta|broken/);
  });

  it('a line nested thousands of levels deep fails alone', async () => {
    const dir = makeTempDir('ndjson');
    const file = path.join(dir, 'deep.ndjson');
    writeFileSync(file, ['{"caseId":"A"}', `{"extra":${'['.repeat(200_000)}${']'.repeat(200_000)}}`, `{"extra":${'['.repeat(200_000)}`, '{"caseId":"B"}'].join('\n'));
    const got = [];
    for await (const i of readInputs([file])) got.push(i);
    expect(got.map((i) => i.error?.code ?? 'ok')).toEqual(['ok', 'batch/too-deep', 'load/unparsable', 'ok']);
  });

  it("never reads the batch's own report, journal or temp folder as cases", async () => {
    const dir = makeTempDir('own');
    writeFileSync(path.join(dir, 'a.yaml'), 'caseId: A\n');
    writeFileSync(path.join(dir, 'report.json'), '{\n  "generatedBy": "authpack",\n  "cases": []\n}\n');
    writeFileSync(path.join(dir, 'report.previous.json'), '{"cases": []}');
    writeFileSync(path.join(dir, '.authpack-journal.ndjson'), '{}\n');
    mkdirSync(path.join(dir, '.authpack-tmp'));
    writeFileSync(path.join(dir, '.authpack-tmp', 'b.yaml'), 'caseId: B\n');
    const labels = async (out?: string) => {
      const got = [];
      for await (const i of readInputs([dir], out)) got.push(path.basename(i.label));
      return got;
    };
    expect(await labels(dir)).toEqual(['a.yaml']);
    // Elsewhere, a file named report.json is a case unless it is a run report.
    expect(await labels()).toEqual(['a.yaml', 'report.previous.json']);
    const explicit = [];
    for await (const i of readInputs([path.join(dir, 'report.previous.json')], dir)) explicit.push(i.error?.code);
    expect(explicit).toEqual(['batch/own-file']);
  });
});

describe('report cells, workers and names', () => {
  it('neutralises cells a spreadsheet would run as formulas, and keeps the rest intact', () => {
    for (const cell of ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1', '＝1']) expect(csvCell(cell)).toBe(`'${cell}`);
    for (const cell of ['PA-1', 'a=b', '', 'Line 3: x']) expect(csvCell(cell)).toBe(cell);
    expect(csvCell(-5)).toBe(-5);
  });

  it('caps workers to the CPUs and the memory, with a warning only when asked for more', () => {
    const heap = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 };
    const big = { cpus: 8, memoryBytes: 64 * 2 ** 30 };
    expect(workerCount(undefined, heap, big)).toEqual({ count: 8 });
    expect(workerCount(4, heap, big)).toEqual({ count: 4 });
    const capped = workerCount(1000, heap, big);
    expect(capped.count).toBe(8);
    expect(capped.warning?.code).toBe('batch/concurrency-capped');
    // 2 GiB: (2048 - 512) / (256 + 16 + 64) = 4 workers at most, whatever the CPUs.
    expect(workerCount(undefined, heap, { cpus: 16, memoryBytes: 2 * 2 ** 30 }).count).toBe(4);
    expect(workerCount(undefined, heap, { cpus: 16, memoryBytes: 256 * 2 ** 20 }).count).toBe(1);
  });

  it('refuses --names that would reach a hidden file or folder, and never builds one', () => {
    for (const t of ['.authpack-tmp/{caseId}.pdf', '{payer}/.authpack-journal.ndjson', '../{caseId}.pdf', '.{caseId}.pdf']) expect(() => checkNamesTemplate(t)).toThrow(UsageError);
    expect(() => checkNamesTemplate('{payer}/{caseId}.pdf')).not.toThrow();
    expect(outputName('{caseId}/x.pdf', { caseId: '.authpack-tmp' })).toBe('authpack-tmp/x.pdf');
    expect(outputName('{patient}.pdf', { patient: { lastName: 'X' } })).toBe('unknown.pdf');
  });
});
