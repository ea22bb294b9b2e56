// Reads a batch CSV as one entry per row, so that a bad row fails alone: each record is parsed by csv-parse on its
// own, its cells are checked against the header here, and a row that cannot be read (a short row, a stray quote, a
// quote that is never closed) is reported by its line number while the rows after it are read as usual.
import { parse } from 'csv-parse/sync';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { MAX_DEPTH, MAX_RECORD_BYTES } from './limits.js';
import { readLines, type TextLine } from './read-lines.js';

export interface CsvRow {
  /** Line the row starts on. */
  line: number;
  /** Cells by column name (first non-empty cell of a repeated name); absent when the row failed. */
  cells?: Record<string, string>;
  error?: Diagnostic;
}

type Attempt = { cells: string[] } | { more: true } | { error: { code: string; column?: number; line?: number } };

export async function* readCsv(file: string): AsyncGenerator<CsvRow> {
  const lines = readLines(file)[Symbol.asyncIterator]();
  /** Lines to read again: those after the first line of a record that turned out broken. */
  const replay: TextLine[] = [];
  const next = async (): Promise<TextLine | undefined> => replay.shift() ?? ((await lines.next()).value as TextLine | undefined);
  let header: Header | undefined;
  let headerError: string | undefined;
  let pending: TextLine[] = [];
  let bytes = 0;
  let quotes = 0;

  const fail = (line: number, message: string, hint: string): CsvRow => ({ line, error: { code: 'batch/csv-row', severity: 'error', message: `Line ${line} of ${file}: ${message}`, place: { file, line }, hint } });
  /** The record starting at pending[0] is broken: fail that line alone and read the following lines again. */
  const breakRecord = (message: string, hint: string): CsvRow => {
    if (!header && !headerError) headerError = `the header (line ${pending[0]!.n}) is not valid CSV, so the columns of this row are unknown.`;
    const row = fail(pending[0]!.n, message, hint);
    replay.unshift(...pending.slice(1));
    pending = [];
    bytes = quotes = 0;
    return row;
  };

  try {
    for (;;) {
      const l = await next();
      if (!l) {
        if (pending.length === 0) return;
        yield breakRecord('a quoted cell opened on this line is never closed.', QUOTE_HINT);
        continue;
      }
      if (l.problem) {
        if (pending.length) yield breakRecord('a quoted cell opened on this line is never closed.', QUOTE_HINT);
        if (!header && !headerError) headerError = `the header (line ${l.n}) cannot be read, so the columns of this row are unknown.`;
        yield fail(l.n, l.problem === 'too-long' ? 'the line is longer than 8 MiB, so it cannot be a case.' : 'the line is not UTF-8 text.', l.problem === 'too-long' ? 'Check that this is the CSV you meant to pass; a case row is a few kB.' : 'Save the file as "CSV UTF-8"; accents and other letters are lost otherwise.');
        continue;
      }
      const text = l.text!;
      if (pending.length === 0 && text.trim() === '') continue;
      pending.push(l);
      bytes += text.length + 1;
      quotes += count(text, '"');
      // A record whose quotes do not pair up continues on the next line: only then is it worth parsing.
      if (pending.length > 1 && quotes % 2 === 1) {
        if (bytes > MAX_RECORD_BYTES) yield breakRecord('a quoted cell opened on this line is never closed.', QUOTE_HINT);
        continue;
      }
      const got = attempt(pending);
      if ('more' in got) {
        if (bytes > MAX_RECORD_BYTES) yield breakRecord('a quoted cell opened on this line is never closed.', QUOTE_HINT);
        continue;
      }
      if ('error' in got) {
        const column = header && got.error.column !== undefined ? ` (column ${got.error.column + 1}${header.names[got.error.column] ? `, \`${header.names[got.error.column]}\`` : ''})` : '';
        const at = pending.length > 1 && got.error.line ? `; the row runs on to line ${pending[0]!.n + got.error.line - 1}` : '';
        yield breakRecord(`${QUOTE_ERRORS[got.error.code] ?? 'the row is not valid CSV'}${column}${at}.`, QUOTE_HINT);
        continue;
      }
      const record = pending;
      const cells = got.cells;
      if (!header && !headerError) {
        pending = [];
        bytes = quotes = 0;
        header = readHeader(cells);
        continue;
      }
      if (cells.every((c) => c.trim() === '')) {
        pending = [];
        bytes = quotes = 0;
        continue;
      }
      const problem = headerError ?? checkRow(cells, header!);
      // A multi-line record that does not fit the header is a stray quote that swallowed the lines after it.
      if (problem && record.length > 1) {
        yield breakRecord('a quoted cell opened on this line runs on over the next lines and does not fit the header.', QUOTE_HINT);
        continue;
      }
      pending = [];
      bytes = quotes = 0;
      if (problem) yield fail(record[0]!.n, problem, 'Fix this row; every row has one cell per header column (empty cells are fine).');
      else yield { line: record[0]!.n, cells: toRecord(cells, header!) };
    }
  } finally {
    // Stopped early (the run was interrupted): close the file.
    await lines.return?.(undefined);
  }
}

const QUOTE_HINT = 'A cell that holds a comma, a quote or a line break is written in double quotes, with each quote inside doubled ("").';
const QUOTE_ERRORS: Record<string, string> = {
  INVALID_OPENING_QUOTE: 'a double quote stands inside a cell that does not start with one',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted cell is followed by more text before the next comma',
};

function attempt(lines: readonly TextLine[]): Attempt {
  try {
    // The lines are joined with \n: saying so spares csv-parse a look for the line end at every character (7x faster).
    const records = parse(lines.map((l) => l.text).join('\n'), { relax_column_count: true, record_delimiter: '\n' }) as string[][];
    if (records.length !== 1) return { error: { code: 'records' } };
    return { cells: records[0]! };
  } catch (err) {
    const e = err as { code?: string; column?: number; lines?: number };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') return { more: true };
    return { error: { code: e.code ?? 'unknown', ...(typeof e.column === 'number' ? { column: e.column } : {}), ...(typeof e.lines === 'number' ? { line: e.lines } : {}) } };
  }
}

interface Header {
  names: string[];
}

function readHeader(cells: string[]): Header {
  return { names: cells.map((c) => c.trim()) };
}

/** What is wrong with a row, in words that name columns and never repeat a cell's content. */
function checkRow(cells: readonly string[], header: Header): string | undefined {
  const { names } = header;
  if (cells.length < names.length) {
    return `the row has ${cells.length} cells where the header names ${names.length} columns, so the cells from \`${names[cells.length] || `column ${cells.length + 1}`}\` on are missing; a comma or a quote is probably missing.`;
  }
  const extra = cells.slice(names.length).findIndex((c) => c.trim() !== '');
  if (extra !== -1) return `the row has ${cells.length} cells where the header names ${names.length} columns; column ${names.length + extra + 1} has a value but no field name.`;
  const seen = new Map<string, { column: number; value: string }>();
  for (let i = 0; i < names.length; i++) {
    const value = cells[i]!.trim();
    if (value === '') continue;
    if (names[i] === '') return `column ${i + 1} has a value, but the header gives that column no field name.`;
    if (names[i]!.split('.').length > MAX_DEPTH) return `column ${i + 1} has a value, but its header names a field nested more than ${MAX_DEPTH} levels deep.`;
    const first = seen.get(names[i]!);
    if (first && first.value !== value) return `the header names \`${names[i]}\` twice (columns ${first.column + 1} and ${i + 1}) and this row gives them different values.`;
    if (!first) seen.set(names[i]!, { column: i, value });
  }
  return undefined;
}

function toRecord(cells: readonly string[], header: Header): Record<string, string> {
  // No prototype: a column named `__proto__` stays an ordinary key for validation to refuse.
  const out = Object.create(null) as Record<string, string>;
  header.names.forEach((name, i) => {
    if (name !== '' && !(out[name] ?? '').trim()) out[name] = cells[i] ?? '';
  });
  return out;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}
