// Streams the cases of a batch from case files, folders of case files, NDJSON (one case a line) and CSV (one case
// a row, dotted-path columns), one at a time, so memory stays flat however many cases there are. Every entry that
// cannot be a case (an unparsable line, a bad row, a pipe) is yielded with its problem, so it fails alone.
import { readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
// jsonc-parser ships UMD for Node (whose exports Node sees only as `default`) and an ESM build that only a bundler
// can load (it imports files without extensions). The CLI bundle takes the ESM build (see the build script's alias);
// the library build leaves the package to Node, which loads the UMD one. Take whichever shape arrived.
import * as jsoncModule from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
const jsonc = (Reflect.get(jsoncModule, 'default') as typeof jsoncModule | undefined) ?? jsoncModule;
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { MAX_DEPTH } from './limits.js';
import { isOwnFile } from './own-files.js';
import { readCsv } from './read-csv.js';
import { readLines } from './read-lines.js';
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

/** `outDir`: the batch's output folder, whose report, journal and temp folder are never read as cases. */
export async function* readInputs(paths: readonly string[], outDir?: string): AsyncGenerator<BatchInput> {
  for (const p of paths) {
    const baseDir = path.dirname(path.resolve(p));
    let stat: Stats;
    try {
      stat = statSync(p);
    } catch {
      yield { label: p, baseDir, error: { code: 'batch/input-missing', severity: 'error', message: `The batch input ${p} does not exist.`, place: { file: p }, hint: 'Check the path; paths are relative to the folder you run authpack from.' } };
      continue;
    }
    if (stat.isDirectory()) {
      yield* readFolder(p, outDir);
    } else if (!stat.isFile()) {
      yield notAFile(p, baseDir);
    } else if (isOwnFile(p, outDir)) {
      yield { label: p, baseDir, error: { code: 'batch/own-file', severity: 'error', message: `${p} is a batch run's own record (report, journal or temporary file), not a case.`, place: { file: p }, hint: 'Pass the case files, folders, NDJSON or CSV files; leave the report and journal where they are.' } };
    } else if (/\.(ndjson|jsonl)$/i.test(p)) {
      yield* readNdjson(p);
    } else if (/\.csv$/i.test(p)) {
      for await (const row of readCsv(p)) yield { label: `${p}:${row.line}`, baseDir, ...(row.error ? { error: row.error } : fromRow(row.cells!, p, row.line)) };
    } else {
      yield { label: p, file: p, baseDir };
    }
  }
}

/** The case files of a folder (not its subfolders), in name order; hidden files and run reports are skipped. */
function* readFolder(dir: string, outDir: string | undefined): Generator<BatchInput> {
  const baseDir = path.resolve(dir);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    yield { label: dir, baseDir, error: { code: 'batch/input-unreadable', severity: 'error', message: `The folder ${dir} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, place: { file: dir }, hint: 'Check that you may read the folder.' } };
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !CASE_FILE.test(entry.name)) continue;
    const file = path.join(dir, entry.name);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) continue;
    if (!stat?.isFile()) {
      yield notAFile(file, baseDir);
      continue;
    }
    if (isOwnFile(file, outDir)) continue;
    yield { label: file, file, baseDir };
  }
}

function notAFile(file: string, baseDir: string): BatchInput {
  return { label: file, baseDir, error: { code: 'batch/input-not-file', severity: 'error', message: `${file} is not a regular file (a pipe, a device or a broken link), so it cannot be read as a case.`, place: { file }, hint: 'Pass case files, folders, NDJSON or CSV files saved on disk.' } };
}

async function* readNdjson(file: string): AsyncGenerator<BatchInput> {
  const baseDir = path.dirname(path.resolve(file));
  for await (const line of readLines(file)) {
    const label = `${file}:${line.n}`;
    const fail = (message: string, hint: string, column?: number): BatchInput => ({ label, baseDir, error: { code: 'load/unparsable', severity: 'error', message: `Line ${line.n} of ${file} ${message}`, place: { file, line: line.n, ...(column ? { column } : {}) }, hint } });
    if (line.problem === 'too-long') yield fail('is longer than 8 MiB, so it cannot be a case.', 'Check that this is the NDJSON file you meant to pass; a case is a few kB.');
    else if (line.problem === 'not-utf8') yield fail('is not UTF-8 text.', 'Save the file as UTF-8.');
    else if (line.text!.trim() !== '') {
      let raw: unknown;
      try {
        raw = JSON.parse(line.text!);
      } catch {
        // JSON.parse's message quotes the line (a patient's name): say where and what, never the text itself.
        const where = locateJsonError(line.text!);
        yield fail(`is not valid JSON${where ? `: ${where.what} at column ${where.column}` : ''}.`, 'Each line of an NDJSON file holds one whole case as JSON, with keys and text in double quotes.', where?.column);
        continue;
      }
      yield { label, baseDir, ...deepOrCase(raw, file, line.n) };
    }
  }
}

/** A CSV row as a case; a row whose columns cannot be made into one fails alone, whatever went wrong. */
function fromRow(cells: Record<string, string>, file: string, line: number): { raw: unknown } | { error: Diagnostic } {
  try {
    return deepOrCase(rowToCase(cells), file, line);
  } catch {
    return { error: { code: 'batch/csv-row', severity: 'error', message: `Line ${line} of ${file}: the row's columns cannot be made into a case.`, place: { file, line }, hint: 'Check the header: each column names one case field as a dotted path, such as patient.lastName or items.0.hcpcs.' } };
  }
}

/** The case, or a problem if it is nested deeper than any case (which would overflow the stack further on). */
function deepOrCase(raw: unknown, file?: string, line?: number): { raw: unknown } | { error: Diagnostic } {
  if (depth(raw) <= MAX_DEPTH) return { raw };
  return {
    error: {
      code: 'batch/too-deep',
      severity: 'error',
      message: `${line ? `Line ${line} of ${file}` : 'This row'} is nested more than ${MAX_DEPTH} levels deep, so it cannot be a case.`,
      ...(file ? { place: { file, ...(line ? { line } : {}) } } : {}),
      hint: 'A case is a set of fields a few levels deep; check how this line was produced.',
    },
  };
}

/** Nesting depth of plain data, walked without recursion and stopping past MAX_DEPTH. */
function depth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > deepest) deepest = d + 1;
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'a character that cannot start a value',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a key in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'the line goes on after the case ends',
  InvalidCommentToken: 'a comment (JSON has none)',
  UnexpectedEndOfComment: 'a comment (JSON has none)',
  UnexpectedEndOfString: 'a text value is not closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'a bad \\u escape',
  InvalidEscapeCharacter: 'a bad escape after \\',
  InvalidCharacter: 'a control character inside a text value',
};

/** The first syntax error of a line, as a kind and a 1-based column, located by a tolerant parser. */
function locateJsonError(text: string): { what: string; column: number } | undefined {
  const errors: ParseError[] = [];
  try {
    jsonc.parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return undefined; // nested too deep for the locating parser: the line is still reported, without a column
  }
  const first = errors[0];
  if (!first) return undefined;
  return { what: JSON_ERRORS[jsonc.printParseErrorCode(first.error)] ?? 'a syntax error', column: first.offset + 1 };
}
