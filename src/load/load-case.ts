// Reads a case file (YAML, JSON, or `-` for stdin) into raw data plus a map back to its lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isScalar, visit } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { InputError } from '../diagnostics/errors.js';
import { buildSourceMap, type SourceMap } from './source-map.js';

export interface LoadedCase {
  raw: unknown;
  source: SourceMap;
  /** Folder that relative paths in the case (attachments) are resolved against. */
  baseDir: string;
}

export function loadCase(file: string): LoadedCase {
  const isStdin = file === '-';
  const name = isStdin ? '<stdin>' : file;
  let bytes: Buffer;
  try {
    bytes = readFileSync(isStdin ? 0 : file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? String(err)})`;
    throw new InputError([
      { code: 'load/unreadable', severity: 'error', message: `The case file ${name} ${why}.`, place: { file: name }, hint: 'Check the path; paths are relative to the folder you run authpack from.' },
    ]);
  }
  const baseDir = isStdin ? process.cwd() : path.dirname(path.resolve(file));
  return { ...parseCaseText(bytes, name), baseDir };
}

/** Parses case text; YAML 1.2 is a superset of JSON, so one parser serves both and keeps line numbers. */
export function parseCaseText(bytes: Uint8Array | string, name: string): { raw: unknown; source: SourceMap } {
  const fail = (message: string, hint: string, line?: number, column?: number): never => {
    throw new InputError([{ code: 'load/unparsable', severity: 'error', message, hint, place: { file: name, line, column } }]);
  };
  const text = typeof bytes === 'string' ? bytes : decodeText(bytes, name);
  if (text.trim() === '') fail(`The case file ${name} is empty.`, 'Start from the template printed by `authpack init`.');

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const diagnostics: Diagnostic[] = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return {
        code: 'load/unparsable',
        severity: 'error',
        message: `${name} is not valid YAML or JSON: ${firstLine(e.message)}`,
        hint: 'Fix the syntax at this line (indentation, a missing colon or quote); `authpack init` prints a valid example.',
        place: { file: name, line: pos.line, column: pos.col },
      };
    });
    throw new InputError(diagnostics);
  }
  // Plain scalars such as 04101 (a ZIP code) would lose their leading zero as numbers: keep the text.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && typeof node.source === 'string' && /^[+-]?0\d/.test(node.source)) node.value = node.source;
    },
  });
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const what = Array.isArray(raw) ? 'a list' : isScalar(doc.contents) ? 'a single value' : 'empty';
    fail(`${name} holds ${what}, not a case: a case file is a set of fields such as \`version\`, \`caseId\` and \`patient\`.`, 'Start from the template printed by `authpack init`.', 1, 1);
  }
  return { raw, source: buildSourceMap(name, doc.contents, lineCounter) };
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
        message: `${name} is not a text file (it contains binary data or is not UTF-8), so it cannot be a case file.`,
        hint: 'Pass the .yaml or .json case file, saved as UTF-8 text; attachments such as PDFs go under `attachments:`.',
        place: { file: name },
      },
    ]);
  }
  return text.replace(/^\uFEFF/, '');
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).trim();
}
