// A quick pass over YAML/JSON tokens before parsing: the `yaml` parser takes seconds and gigabytes on a deeply
// nested or very wide document (4 MiB of `[` takes ~35 s and 2 GiB), so such a file is refused here, early and cheaply.
import { Lexer } from 'yaml';
import { InputError } from '../diagnostics/errors.js';
import { MAX_CASE_DEPTH, MAX_CASE_LINES, MAX_CASE_TOKENS, MAX_CASE_VALUES } from './limits.js';

// The lexer's control tokens (yaml's CST: DOCUMENT, FLOW_END, SCALAR) carry no source text.
const CONTROL = /^[\u0002\u0018\u001f]$/;

export interface YamlShape {
  /** Deepest nesting of lists and groups of fields found; a lower bound for block YAML, exact for JSON. */
  depth: number;
  /** Values (scalars and collections, not keys) found. */
  values: number;
}

/**
 * Counts nesting and values from the token stream (kept in `keep`, when given, for the parser: the text is lexed
 * once), stopping as soon as either is over its limit (then throws an
 * InputError naming the line). Block nesting is counted from indentation, flow nesting from brackets.
 */
export function scanYaml(text: string, name: string, limits = { depth: MAX_CASE_DEPTH, values: MAX_CASE_VALUES, lines: MAX_CASE_LINES, tokens: MAX_CASE_TOKENS }, keep?: string[]): YamlShape {
  let line = 1;
  let column = 0;
  let atLineStart = true;
  let flow = 0;
  let values = 0;
  let depth = 0;
  let lastWasScalar = false;
  let scalarNext = false;
  let blockScalarNext = false;
  let tokens = 0;
  // Columns of the open block collections, innermost last.
  const blocks: number[] = [];

  for (const token of new Lexer().lex(text)) {
    if (++tokens > limits.tokens) throw tooComplex(name, line, `is made of more than ${count(limits.tokens)} separate pieces (keys, values, brackets, commas, comments)`);
    keep?.push(token);
    if (CONTROL.test(token)) {
      if (token === '\u001f') scalarNext = true;
      continue;
    }
    const startColumn = column;
    const newlines = countNewlines(token);
    if (newlines > 0) {
      line += newlines;
      if (line > limits.lines) throw tooComplex(name, line, `has more than ${count(limits.lines)} lines`);
      column = token.length - token.lastIndexOf('\n') - 1;
    } else column += token.length;
    if (token === '\n' || token === '\r\n') {
      atLineStart = true;
      continue;
    }
    if (/^[ \t]+$/.test(token) || token.startsWith('#')) continue;

    // A block scalar's body (after `|` or `>`) starts on a new line but belongs to the line before.
    const isBody = blockScalarNext && scalarNext;
    if (flow === 0 && atLineStart && !isBody) {
      while (blocks.length > 0 && blocks[blocks.length - 1]! > startColumn) blocks.pop();
      if (blocks.length === 0 || blocks[blocks.length - 1]! < startColumn) {
        blocks.push(startColumn);
        values++;
      }
    } else if (flow === 0 && (token === '-' || token === '?') && startColumn > (blocks[blocks.length - 1] ?? -1)) {
      // `- - x` and `? - x`: a collection opened further along the same line.
      blocks.push(startColumn);
      values++;
    }
    // A token that ends a line (a block scalar's body) leaves the next token at the start of one.
    atLineStart = token.endsWith('\n');

    if (token === '[' || token === '{') {
      flow++;
      values++;
    } else if (token === ']' || token === '}') flow = Math.max(0, flow - 1);
    else if (token === ':' && lastWasScalar) values--; // the scalar before `:` was a key, not a value
    const isScalar = scalarNext || token.startsWith('"') || token.startsWith("'") || token.startsWith('*');
    if (isScalar) values++;
    lastWasScalar = isScalar;
    scalarNext = false;
    if (isScalar) blockScalarNext = false;
    if (flow === 0 && /^[|>]/.test(token)) blockScalarNext = true;

    depth = Math.max(depth, blocks.length + flow);
    if (depth > limits.depth) throw tooComplex(name, line, `is nested more than ${limits.depth} levels deep`);
    if (values > limits.values) throw tooComplex(name, line, `holds more than ${count(limits.values)} values`);
  }
  return { depth, values };
}

const count = (n: number) => n.toLocaleString('en-US');

function countNewlines(token: string): number {
  let n = 0;
  for (let i = token.indexOf('\n'); i !== -1; i = token.indexOf('\n', i + 1)) n++;
  return n;
}

function tooComplex(name: string, line: number, what: string): InputError {
  return new InputError([
    {
      code: 'load/too-complex',
      severity: 'error',
      message: `The case file ${name} ${what} (counted up to line ${line}); that is far more than any case needs, so authpack does not read it.`,
      hint: 'Check that this is the case file you meant; keep your own data under `extra:` shallow and small.',
      place: { file: name, line },
    },
  ]);
}
