// Checks that raw case data is plain, bounded data before anything copies or validates it: no key that JavaScript
// treats specially (`__proto__`, `constructor`, `prototype`: copying one can change every object in the process), no
// nesting deeper than a case needs, no loops, no more values than a case holds, nothing but text, numbers, true/false,
// lists and groups of fields. Every way into authpack (case file, stdin, NDJSON line, CSV row, library call) passes here.
import { formatPath, type Diagnostic } from '../diagnostics/diagnostic.js';
import { showKey } from '../diagnostics/show-text.js';
import { MAX_CASE_DEPTH, MAX_CASE_VALUES } from '../load/limits.js';

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

type Path = (string | number)[];
const MAX_PROBLEMS = 20;

/** Problems with the shape of `raw`, each with the path where it is; empty when the data is safe to copy. */
export function checkRawShape(raw: unknown, limits = { depth: MAX_CASE_DEPTH, values: MAX_CASE_VALUES }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const open = new Set<object>();
  let values = 0;
  let stopped = false;

  const problem = (code: string, path: Path, message: string, hint: string) => {
    out.push({ code: `validate/${code}`, severity: 'error', path, message, hint });
    if (out.length >= MAX_PROBLEMS) stopped = true;
  };

  const walk = (value: unknown, path: Path): void => {
    if (stopped) return;
    if (++values > limits.values) {
      problem('too-many-values', path, `The case holds more than ${limits.values.toLocaleString('en-US')} values; no case needs that many, so it is not read further.`, 'Check that this is the case you meant; keep your own data under `extra:` small.');
      stopped = true;
      return;
    }
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) problem('invalid-value', path, `\`${formatPath(path) || 'case'}\` is a date object that holds no date (Invalid Date).`, 'Pass dates as text, YYYY-MM-DD.');
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const where = path.length ? `\`${formatPath(path)}\`` : 'The case';
    if (path.length >= limits.depth) {
      problem('too-deep', path, `${where} is nested more than ${limits.depth} levels deep; a case is a few levels of fields and lists.`, 'Flatten your own data under `extra:`.');
      return;
    }
    if (open.has(value)) {
      problem('circular', path, `${where} contains itself (a loop), so it cannot be read as a case.`, 'Build the case as a tree of plain values; each list and group of fields appears once.');
      return;
    }
    if (Array.isArray(value)) {
      // Checked before looking inside: a sparse list such as `items[4294967294]` has a huge length and no entries.
      if (value.length > limits.values) {
        problem('too-many-values', path, `${where} is a list of ${value.length.toLocaleString('en-US')} entries; a case holds at most ${limits.values.toLocaleString('en-US')} values.`, 'Check the list; a CSV column such as `items.99999.code` makes a list that long.');
        return;
      }
      // Digits beyond the list's length are a name too: 99999999999 is no array index (the limit is 2^32 - 2).
      const named = Object.keys(value).find((k) => !/^(0|[1-9]\d*)$/.test(k) || Number(k) >= value.length);
      if (named !== undefined) {
        problem('not-plain-data', [...path, named], `${where} is a list with a named entry ${showKey(named)}; a list holds only numbered entries.`, 'Use a group of fields instead of a list, or number the entries 0, 1, 2 ...');
        return;
      }
      open.add(value);
      for (let i = 0; i < value.length; i++) walk(value[i], [...path, i]);
      open.delete(value);
      return;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
      problem('not-plain-data', path, `${where} is ${typeof kind === 'string' && kind ? `a ${kind}` : 'an object of a special kind'}, not plain data (text, numbers, true/false, lists and groups of fields).`, 'Write plain values; in YAML, tags such as !!binary, !!set or !!omap make other kinds of objects. From code, pass data as parsed from JSON.');
      return;
    }
    open.add(value);
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problem(
          'forbidden-key',
          [...path, key],
          `${showKey(key)} cannot be a field name${path.length ? ` (in \`${formatPath(path)}\`)` : ''}: JavaScript gives it a special meaning, and copying it could change how authpack itself behaves.`,
          'Remove the field; for your own data under `extra:`, choose another name.',
        );
        continue;
      }
      walk((value as Record<string, unknown>)[key], [...path, key]);
    }
    open.delete(value);
  };

  walk(raw, []);
  return out;
}
