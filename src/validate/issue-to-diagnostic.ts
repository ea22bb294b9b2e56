// Rewrites zod's issues into diagnostics a coordinator can act on: the field's name, what is wrong, what to do.
import { isIdentityPath } from '../diagnostics/identity-path.js';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceMap } from '../load/source-map.js';
import { showKey, showText } from '../diagnostics/show-text.js';
import { suggestSimilar } from '../diagnostics/suggest-similar.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** Walks the schema along a case path, unwrapping optional/default/pipe wrappers. */
export function schemaAt(root: AnySchema, path: readonly PropertyKey[]): AnySchema[] {
  const chain: AnySchema[] = [];
  let node: AnySchema | undefined = root;
  const unwrap = (s: AnySchema | undefined): AnySchema | undefined => {
    while (s) {
      chain.push(s);
      const def = s._zod.def as unknown as { type: string; innerType?: AnySchema; in?: AnySchema; options?: AnySchema[] };
      if (def.innerType) s = def.innerType;
      else if (def.type === 'pipe' && def.in) s = def.in;
      else return s;
    }
    return s;
  };
  node = unwrap(node);
  for (const key of path) {
    chain.length = 0;
    const def = node?._zod.def as unknown as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema; valueType?: AnySchema } | undefined;
    if (!def) return [];
    // Own keys only: `shape['constructor']` would otherwise find Object's constructor.
    if (def.type === 'object' && def.shape && typeof key === 'string') node = Object.hasOwn(def.shape, key) ? unwrap(def.shape[key]) : undefined;
    else if (def.type === 'array' && def.element) node = unwrap(def.element);
    else if (def.type === 'record' && def.valueType) node = unwrap(def.valueType);
    else return [];
  }
  return chain;
}

function titleAt(root: AnySchema, path: readonly PropertyKey[]): string | undefined {
  for (const s of schemaAt(root, path)) {
    const meta = z.globalRegistry.get(s);
    if (meta?.title) return meta.title;
  }
  return undefined;
}

function examplesAt(root: AnySchema, path: readonly PropertyKey[]): unknown[] | undefined {
  for (const s of schemaAt(root, path)) {
    const meta = z.globalRegistry.get(s) as { examples?: unknown[] } | undefined;
    if (meta?.examples) return meta.examples;
  }
  return undefined;
}

function keysAt(root: AnySchema, path: readonly PropertyKey[]): string[] {
  const chain = schemaAt(root, path);
  const last = chain[chain.length - 1];
  const def = last?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** What a value is, in words; the value itself only where it is not patient identity. */
const describeValue = (v: unknown, identity = false): string => {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a group of fields';
  if (identity) return typeof v === 'string' ? 'text' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'true or false' : `a ${typeof v}`;
  if (typeof v === 'string') return `the text ${showText(v)}`;
  if (typeof v === 'number') return `the number ${String(v)}`;
  return String(v);
};

/** Titles that name several things, so their verbs agree ("The prescriber's credentials are missing"). */
const PLURAL_TITLES = new Set(["prescriber's credentials"]);

/**
 * Patient identity (name, birth date, member ID, phone, address, the subscriber) is never repeated in a message:
 * messages reach terminals, logs, batch reports and support tickets. Codes, NPIs and dates of care are shown.
 */

const typeWords: Record<string, string> = {
  string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a group of fields', int: 'a whole number',
};

/** `source` (optional) quotes a number as it was written in the file. */
export function issueToDiagnostics(root: AnySchema, issue: Issue, source?: SourceMap): Diagnostic[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[];
  const list = describeIssue(root, issue, path, source);
  if (!isIdentityPath(path)) return list;
  // A second guard for identity fields: a message that still quotes the value (as messages quote what was typed)
  // loses the quote.
  const input = (issue as { input?: unknown }).input;
  if (typeof input !== 'string' && typeof input !== 'number') return list;
  const quoted = [showText(String(input)), `"${String(input)}"`];
  const scrub = (m: string) => quoted.reduce((out, q) => out.split(q).join('(value not shown)'), m);
  return list.map((d) => ({ ...d, message: scrub(d.message), ...(d.hint ? { hint: scrub(d.hint) } : {}) }));
}

/** How a message names the field at `path`: its title, an entry of a list by its number, or the field name. */
function labelAt(root: AnySchema, path: readonly (string | number)[]): string {
  const title = titleAt(root, path);
  if (title) return `The ${title}`;
  const last = path[path.length - 1];
  if (typeof last === 'number') return `Entry ${last + 1} of ${lowerFirst(labelAt(root, path.slice(0, -1)))}`;
  return last === undefined ? 'The case' : `\`${String(last)}\``;
}

function describeIssue(root: AnySchema, issue: Issue, path: (string | number)[], source?: SourceMap): Diagnostic[] {
  const identity = isIdentityPath(path);
  const describe = (v: unknown) => describeValue(v, identity);
  const fieldName = path.length ? String(path[path.length - 1]) : 'case';
  const title = titleAt(root, path);
  const label = labelAt(root, path);
  const plural = title !== undefined && PLURAL_TITLES.has(title);
  const [be, it] = plural ? ['are', 'they'] : ['is', 'it'];
  const base = { severity: 'error' as const, path };
  const example = examplesAt(root, path)?.[0];
  const exampleHint = example !== undefined ? ` For example: ${JSON.stringify(example)}.` : '';

  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) {
        // A list entry given as null (`- null`, `[, x]`) is an empty place in the list, not a field to add.
        if (typeof path[path.length - 1] === 'number') return [{ ...base, code: 'validate/missing-field', message: `${label} is empty.`, hint: 'Write the entry out, or remove it from the list.' }];
        return [{ ...base, code: 'validate/missing-field', message: `${label} ${be} missing.`, hint: `Add \`${fieldName}\` here (${typeWords[issue.expected] ?? issue.expected}).${exampleHint}` }];
      }
      if (issue.expected === 'string' && typeof issue.input === 'number') {
        // Only JSON and data from code get here: YAML numbers in text fields are read as typed.
        const typed = source?.numberText?.(path) ?? String(issue.input);
        return [{ ...base, code: 'validate/wrong-type', message: `${label} should be text, but ${it} ${be} ${identity ? 'a number' : `the number ${typed}`}.`, hint: identity ? 'Write it in quotes, as text (in JSON, text is always quoted).' : `Write it in quotes, as text: "${typed}" (in JSON, text is always quoted).` }];
      }
      return [{ ...base, code: 'validate/wrong-type', message: `${label} should be ${typeWords[issue.expected] ?? issue.expected}, but ${it} ${be} ${describe(issue.input)}.`, hint: issue.expected === 'string' ? 'Write it in quotes, as text.' : `Write it as ${typeWords[issue.expected] ?? issue.expected}.${exampleHint}` }];
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      // A choice not written at all is missing, not a wrong choice.
      if (issue.input === undefined && typeof path[path.length - 1] === 'string') return [{ ...base, code: 'validate/missing-field', message: `${label} ${be} missing.`, hint: `Add \`${fieldName}\` here, one of: ${allowed}.` }];
      const near = typeof issue.input === 'string' ? suggestSimilar(issue.input, issue.values.map(String)) : undefined;
      const given = identity ? '' : ` ${be} ${describe(issue.input)}, which`;
      return [{ ...base, code: 'validate/not-allowed', message: `${label}${given} ${identity ? be : 'is'} not one of the allowed values.`, hint: `Use one of: ${allowed}.${near ? ` Did you mean "${near}"?` : ''}` }];
    }
    case 'unrecognized_keys': {
      const known = keysAt(root, path);
      return issue.keys.map((key) => {
        const near = suggestSimilar(key, known);
        return { ...base, path: [...path, key], code: 'validate/unknown-field', message: `${showKey(key)} is not a field authpack knows here, so it would be ignored.`, hint: near ? `Did you mean \`${near}\`? (Field names are case-sensitive.)` : `Remove it, or move your own data under \`extra:\`. Known fields here: ${known.join(', ')}.` };
      });
    }
    case 'too_small':
    case 'too_big': {
      const code = `validate/${issue.code === 'too_small' ? 'too-small' : 'too-big'}`;
      if (isCustomMessage(issue.message)) return [{ ...base, code, message: `${label} ${issue.message}.` }];
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const bound = `${issue.code === 'too_small' ? 'at least' : 'at most'} ${limit}`;
      const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
      const input = issue.input;
      const message =
        issue.origin === 'array' ? `${label} must have ${bound} ${limit === 1 ? 'entry' : 'entries'}; it has ${count(Array.isArray(input) ? input.length : 0, 'entry', 'entries')}.`
        : issue.origin === 'string' ? `${label} must be ${bound} ${limit === 1 ? 'character' : 'characters'} long.`
        : `${label} must be ${bound}; ${it} ${be} ${describe(input)}.`;
      return [{ ...base, code, message }];
    }
    default: {
      const hint = FIELD_HINTS[fieldName] ?? (exampleHint.trim() || undefined);
      // Our own messages continue the sentence ("must be …"); zod's ("Invalid input") are put in brackets.
      return [{ ...base, code: 'validate/invalid-value', message: isCustomMessage(issue.message) ? `${label} ${issue.message}.` : `${label} ${be} not valid (${lowerFirst(issue.message)}).`, ...(hint ? { hint } : {}) }];
    }
  }
}

const FIELD_HINTS: Record<string, string> = {
  npi: "Copy the 10-digit NPI from the NPPES registry or the provider's letterhead; a valid checksum does not prove the NPI exists.",
  code: 'Copy the code from the chart; ICD-10-CM codes are billable only at full specificity (C71.1, not C71).',
  hcpcs: "Copy the code from the order or the supplier's quote: one letter and four digits.",
  postalCode: 'Write the 5-digit ZIP code, or ZIP+4 as 04101-1234.',
};

// zod's own messages start with a capital ("Invalid input", "Too small"); ours start lower-case.
const isCustomMessage = (m: string) => /^[a-z]/.test(m);
const lowerFirst = (m: string) => m.charAt(0).toLowerCase() + m.slice(1);
