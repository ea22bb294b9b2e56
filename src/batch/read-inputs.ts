// Streams the cases of a batch from case files, folders of case files, NDJSON (one case a line) and CSV (one case
// a row, dotted-path columns), one at a time, so memory stays flat however many cases there are.
import { createReadStream, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { rowToCase } from './row-to-case.js';

export interface BatchInput {
  /** Where the case is: `cases/a.yaml`, `day.ndjson:12`, `day.csv:4`. */
  label: string;
  /** A case file for the worker to load (YAML/JSON keeps its line numbers), or the case data itself. */
  file?: string;
  raw?: unknown;
  /** Folder attachment paths are relative to. */
  baseDir: string;
  /** A problem reading this entry (an unparsable line): the case fails with it. */
  error?: Diagnostic;
}

const CASE_FILE = /\.(ya?ml|json)$/i;

export async function* readInputs(paths: readonly string[]): AsyncGenerator<BatchInput> {
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      yield { label: p, baseDir: process.cwd(), error: { code: 'batch/input-missing', severity: 'error', message: `The batch input ${p} does not exist.`, hint: 'Check the path.' } };
      continue;
    }
    if (stat.isDirectory()) {
      for (const f of readdirSync(p).filter((n) => CASE_FILE.test(n)).sort()) yield { label: path.join(p, f), file: path.join(p, f), baseDir: path.resolve(p) };
    } else if (/\.(ndjson|jsonl)$/i.test(p)) {
      yield* readNdjson(p);
    } else if (/\.csv$/i.test(p)) {
      yield* readCsv(p);
    } else {
      yield { label: p, file: p, baseDir: path.dirname(path.resolve(p)) };
    }
  }
}

async function* readNdjson(file: string): AsyncGenerator<BatchInput> {
  const baseDir = path.dirname(path.resolve(file));
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const label = `${file}:${n}`;
    try {
      yield { label, raw: JSON.parse(line), baseDir };
    } catch (err) {
      yield { label, baseDir, error: { code: 'load/unparsable', severity: 'error', message: `Line ${n} of ${file} is not valid JSON: ${(err as Error).message}`, place: { file, line: n }, hint: 'Each line of an NDJSON file holds one whole case as JSON.' } };
    }
  }
}

async function* readCsv(file: string): AsyncGenerator<BatchInput> {
  const baseDir = path.dirname(path.resolve(file));
  const parser = createReadStream(file).pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: false, info: true }));
  try {
    for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { label: `${file}:${record.info.lines}`, raw: rowToCase(record.record), baseDir };
    }
  } catch (err) {
    const e = err as Error & { lines?: number };
    yield { label: `${file}:${e.lines ?? '?'}`, baseDir, error: { code: 'load/unparsable', severity: 'error', message: `${file} is not valid CSV: ${e.message}`, place: { file, ...(e.lines ? { line: e.lines } : {}) }, hint: 'The first row names the case fields as dotted paths; every row has the same number of columns.' } };
  }
}
