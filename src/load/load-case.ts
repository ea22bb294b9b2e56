// Reads a case file (YAML, JSON, or `-` for stdin) into raw data plus a map back to its lines.
import path from 'node:path';
import { Composer, LineCounter, Parser, YAMLParseError, isScalar, visit, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/errors.js';
import { showKey } from '../diagnostics/show-text.js';
import { findDuplicateKeys } from './duplicate-keys.js';
import { formatBytes, MAX_CASE_BYTES, MAX_YAML_ALIASES } from './limits.js';
import { readCaseBytes } from './read-case-bytes.js';
import { readQuickly } from './fast-yaml.js';
import { scanYaml } from './scan-yaml.js';
import { buildSourceMap, pathKey, type SourceMap } from './source-map.js';

export interface LoadedCase {
  raw: unknown;
  source: SourceMap;
  /** Folder that relative paths in the case (attachments) are resolved against. */
  baseDir: string;
}

export function loadCase(file: string): LoadedCase {
  const isStdin = file === '-';
  const bytes = readCaseBytes(file);
  const baseDir = isStdin ? process.cwd() : path.dirname(path.resolve(file));
  return { ...parseCaseText(bytes, isStdin ? '<stdin>' : file), baseDir };
}

/**
 * Parses case text; YAML 1.2 is a superset of JSON, so one parser serves both and keeps line numbers.
 * `quick: false` always takes the full reading (the tests compare the two readings).
 */
export function parseCaseText(bytes: Uint8Array | string, name: string, options: { quick?: boolean } = {}): { raw: unknown; source: SourceMap } {
  const fail = (message: string, hint: string, line?: number, column?: number): never => {
    throw new InputError([{ code: 'load/unparsable', severity: 'error', message, hint, place: { file: name, line, column } }]);
  };
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  if (size > MAX_CASE_BYTES) {
    throw new InputError([{ code: 'load/too-large', severity: 'error', message: `The case ${name} is ${formatBytes(size)}; a case may be at most ${formatBytes(MAX_CASE_BYTES)}.`, hint: 'Put scans and PDFs under `attachments:` instead of pasting them into the case.', place: { file: name } }]);
  }
  const text = typeof bytes === 'string' ? bytes : decodeText(bytes, name);
  if (text.trim() === '') fail(`The case file ${name} is empty.`, 'Start from the template printed by `authpack init`.');

  // Most case files are block YAML: read quickly when nothing in them needs the full reading (fast-yaml.ts).
  if (options.quick !== false && !JSON_START.test(text)) {
    const quick = readQuickly(text);
    if (quick) return { raw: quick.raw, source: sourceMapLater(name, text, quick.numbers) };
  }
  const { doc, lineCounter } = readFully(text, name);
  const json = isJson(text);
  // JSON has one reading of a number; YAML's plain scalars are what the user typed, and the validator reads one
  // typed where the case format expects text as that text (the source map keeps it).
  if (!json) keepNumbersAsWritten(doc);
  const raw = toJS(doc, name);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const what = Array.isArray(raw) ? 'a list' : isScalar(doc.contents) ? 'a single value' : 'empty';
    fail(`The case file ${name} holds ${what}, not a case: a case file is a set of fields such as \`version\`, \`caseId\` and \`patient\`.`, 'Start from the template printed by `authpack init`.', 1, 1);
  }
  return { raw, source: buildSourceMap(name, doc.contents, lineCounter, { json }) };
}

/** The full reading: yaml's document of the text, with its limits checked and its syntax errors and duplicate keys
 * thrown as an InputError. */
function readFully(text: string, name: string): { doc: Document; lineCounter: LineCounter } {
  const tokens: string[] = [];
  scanYaml(text, name, undefined, tokens);
  const lineCounter = new LineCounter();
  const doc = parseTokens(text, tokens, lineCounter);
  const problems: Diagnostic[] = doc.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return {
      code: 'load/unparsable',
      severity: 'error',
      message: `The case file ${name} is not valid YAML or JSON: ${firstLine(e.message)}`,
      hint: 'Fix the syntax at this line (indentation, a missing colon or quote); `authpack init` prints a valid example.',
      place: { file: name, line: pos.line, column: pos.col },
    };
  });
  if (problems.length === 0) {
    for (const dup of findDuplicateKeys(doc.contents)) {
      const pos = lineCounter.linePos(dup.offset);
      problems.push({
        code: 'load/unparsable',
        severity: 'error',
        message: `The case file ${name} gives the field ${showKey(dup.key)} twice in the same group (first on line ${lineCounter.linePos(dup.firstOffset).line}).`,
        hint: 'Keep one of the two; the second would silently replace the first.',
        place: { file: name, line: pos.line, column: pos.col },
      });
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return { doc, lineCounter };
}

/** For a case read quickly: places come from the full reading, made the first time a diagnostic asks for one. */
function sourceMapLater(file: string, text: string, numbers: Map<string, string>): SourceMap {
  let full: SourceMap | undefined;
  const places = (): SourceMap => {
    if (!full) {
      try {
        const { doc, lineCounter } = readFully(text, file);
        full = buildSourceMap(file, doc.contents, lineCounter);
      } catch {
        full = { file, locate: () => ({ file }) };
      }
    }
    return full;
  };
  return {
    file,
    locate: (path, options) => places().locate(path, options),
    numberText: (path) => numbers.get(pathKey(path)),
  };
}

/**
 * yaml's parseDocument, from the tokens scanYaml has already lexed. Duplicate keys are found by findDuplicateKeys:
 * yaml's own check (uniqueKeys) compares every pair of keys.
 */
function parseTokens(text: string, tokens: readonly string[], lineCounter: LineCounter): Document {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  function* cst() {
    for (const token of tokens) yield* parser.next(token);
    yield* parser.end();
  }
  let doc: Document | undefined;
  for (const next of new Composer({ lineCounter, prettyErrors: false, uniqueKeys: false }).compose(cst(), true, text.length)) {
    if (!doc) doc = next as Document;
    else {
      doc.errors.push(new YAMLParseError(next.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  return doc!;
}

const JSON_START = /^\s*[{[]/;

/** The text is a JSON document (YAML 1.2 reads it too, but its numbers are JSON numbers). Size and depth are
 * already bounded by scanYaml. */
function isJson(text: string): boolean {
  if (!JSON_START.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const MAX_SYNTAX_ERRORS = 10;

/**
 * A plain scalar YAML reads as a number but that is not written as one plainly (04101, 1e5, 0x1F, .inf, +5, or more
 * digits than a number holds exactly) stays the text it was: ZIP codes, member IDs and group numbers keep their
 * digits, and a number field given such a value is reported instead of silently changed.
 */
function keepNumbersAsWritten(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'number' || typeof node.source !== 'string') return;
      const plain = /^-?(0|[1-9]\d*)(\.\d+)?$/.test(node.source);
      if (!plain || (Number.isInteger(node.value) && !Number.isSafeInteger(node.value))) node.value = node.source;
    },
  });
}

function toJS(doc: Document, name: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    // yaml throws a ReferenceError when aliases (`*name`) expand too far (a "billion laughs" document), or name no anchor.
    if (/excessive alias count/i.test(err.message)) {
      throw new InputError([
        {
          code: 'load/too-many-aliases',
          severity: 'error',
          message: `The case file ${name} uses YAML aliases (*name) that expand to too many values (more than ${MAX_YAML_ALIASES}).`,
          hint: 'Write the repeated values out instead of referring to them with &anchor and *alias.',
          place: { file: name },
        },
      ]);
    }
    throw new InputError([
      { code: 'load/unparsable', severity: 'error', message: `The case file ${name} is not valid YAML: ${firstLine(err.message)}`, hint: 'Define the anchor (&name) before its alias (*name), or write the value out.', place: { file: name } },
    ]);
  }
}

function decodeText(bytes: Uint8Array, name: string): string {
  const looksBinary = bytes.subarray(0, 8000).includes(0);
  let text = '';
  if (!looksBinary) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = '\u0000';
    }
  }
  if (looksBinary || text === '\u0000') {
    throw new InputError([
      {
        code: 'load/not-text',
        severity: 'error',
        message: `The case file ${name} is not text (it contains binary data or is not UTF-8).`,
        hint: 'Pass the .yaml or .json case file, saved as UTF-8 text; attachments such as PDFs go under `attachments:`.',
        place: { file: name },
      },
    ]);
  }
  return text.replace(/^\uFEFF/, '');
}

/** The first line of a parser's message, as the end of a sentence. */
function firstLine(s: string): string {
  const line = (s.split('\n')[0] ?? s).trim().replace(/[:,;]$/, '');
  return /[.!?)]$/.test(line) ? line : `${line}.`;
}
