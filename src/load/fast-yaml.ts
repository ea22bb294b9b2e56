// The quick reading of a YAML case file, for the files most people write: js-yaml in one pass, with the same scalar
// rules as the full reading in load-case.ts (YAML 1.2 core schema, numbers kept as written). The full reading
// (yaml's document, which keeps every node's place) costs about four times as much on a new process, where it is
// a fifth of a whole `authpack render`. Anything unusual makes the quick reading decline, and the full reading
// decides: anchors, aliases, tags, directives, complex keys, a syntax error, a duplicate key, a number whose value
// does not print back as it was typed, a file near a size limit. Places for diagnostics are looked up by the full
// reading, only when a diagnostic needs one.
import jsYaml from 'js-yaml';
import { MAX_CASE_DEPTH, MAX_CASE_LINES, MAX_CASE_TOKENS, MAX_CASE_VALUES } from './limits.js';

export interface QuickCase {
  raw: Record<string, unknown>;
  /** How each number was written, by pathKey (`/prescriber/npi`): always as JavaScript prints it back. */
  numbers: Map<string, string>;
}

/** A number written plainly (`72148`, `20.5`, `-3`): what the full reading keeps as a number (see keepNumbersAsWritten). */
const PLAIN_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
/** Any number of YAML 1.2's core schema (what the full reading reads as a number before keeping it as typed). */
const CORE_NUMBER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
/** An anchor, alias or tag (`&a`, `*a`, `!x`), or a complex key (`? `), where a YAML token can start. */
const UNUSUAL_TOKEN = /(?:^|[\s[{,])(?:[&*!][^\s]|\?\s)/;
/** A directive (`%YAML 1.1` changes the schema). */
const DIRECTIVE = /^%/m;

let printsBack = true;
const number = new jsYaml.Type('tag:authpack.dev,2026:number', {
  kind: 'scalar',
  resolve: (data: string | null) => {
    if (data === null || !PLAIN_NUMBER.test(data)) return false;
    const n = Number(data);
    return !(Number.isInteger(n) && !Number.isSafeInteger(n));
  },
  construct: (data: string) => {
    const n = Number(data);
    // `20.50`, `-0`, or more digits than a double holds: the full reading keeps the text as typed.
    if (String(n) !== data) printsBack = false;
    return n;
  },
});
// js-yaml's own null and bool (the YAML 1.2 core forms: ~, null, Null, NULL, empty; true, True, TRUE, false, ...).
const types = (jsYaml as unknown as { types: Record<'null' | 'bool', jsYaml.Type> }).types;
const SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({ implicit: [types.null, types.bool, number] });

/** The case read quickly, or undefined when the full reading must decide. `text` is not JSON (JSON has its own rules). */
export function readQuickly(text: string): QuickCase | undefined {
  // Within these, the full reading's token and line limits cannot be reached (a token is at least one character).
  if (text.length > MAX_CASE_TOKENS || DIRECTIVE.test(text) || UNUSUAL_TOKEN.test(text)) return undefined;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (++lines > MAX_CASE_LINES) return undefined;
  let raw: unknown;
  printsBack = true;
  try {
    raw = jsYaml.load(text, { schema: SCHEMA });
  } catch {
    return undefined; // a syntax error, a duplicate key, several documents, nesting too deep for the stack
  }
  if (!printsBack || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const numbers = new Map<string, string>();
  return withinLimits(raw, numbers) ? { raw: raw as Record<string, unknown>, numbers } : undefined;
}

/** Depth and value count as the full reading counts them (values: scalars and collections, not keys); collects numbers. */
function withinLimits(root: object, numbers: Map<string, string>): boolean {
  let values = 0;
  const stack: [unknown, string, number][] = [[root, '', 1]];
  while (stack.length > 0) {
    const [value, key, depth] = stack.pop()!;
    // Half the limit: the full reading counts values from tokens, which may come out a little higher.
    if (++values > MAX_CASE_VALUES / 2) return false;
    if (typeof value === 'number') numbers.set(key, String(value));
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_CASE_DEPTH) return false;
    if (Array.isArray(value)) value.forEach((item, i) => stack.push([item, `${key}/${i}`, depth + 1]));
    else {
      for (const [k, item] of Object.entries(value)) {
        // The full reading compares keys as numbers (`0123` and `123` are the same key there), and names a null key
        // `` where js-yaml names it `null`: let it decide.
        if ((CORE_NUMBER.test(k) && !PLAIN_NUMBER.test(k)) || k === 'null') return false;
        stack.push([item, `${key}/${k}`, depth + 1]);
      }
    }
  }
  return true;
}
