// Turns a CSV row whose columns are dotted case paths (`patient.lastName`, `priorTherapies.0.name`) into a case,
// typing each cell by the case format: numbers, true/false, and lists (`items.0.modifiers` = "KF;KX").
import { z } from 'zod';
import { caseSchema } from '../validate/case-schema.js';
import { schemaAt } from '../validate/issue-to-diagnostic.js';

type Key = string | number;

export function rowToCase(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    const value = cell.trim();
    if (value === '' || column.trim() === '') continue;
    // Up to 9 digits is a list index; a longer one stays a name, which the validator reports (as an array index it
    // would be dropped or make a list billions long). A sparse `items.99999` is refused by its length, not iterated.
    const path: Key[] = column.trim().split('.').map((p) => (/^\d{1,9}$/.test(p) ? Number(p) : p));
    set(out, path, typed(value, path));
  }
  return out;
}

/** The leaf type the case format expects at a path, to read a CSV cell as that type. */
function leafType(path: readonly Key[]): string | undefined {
  const chain = schemaAt(caseSchema, path);
  for (let i = chain.length - 1; i >= 0; i--) {
    const def = chain[i]!._zod.def as unknown as { type: string; options?: z.core.$ZodType[] };
    if (def.type === 'union' && def.options) return def.options.some((o) => (o._zod.def as { type: string }).type === 'string') ? 'string' : (def.options[0]!._zod.def as { type: string }).type;
    if (['string', 'number', 'boolean', 'array', 'literal', 'enum'].includes(def.type)) return def.type;
  }
  return undefined;
}

function typed(value: string, path: readonly Key[]): unknown {
  switch (leafType(path)) {
    case 'number':
    case 'literal':
      return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    case 'boolean':
      return /^(true|yes|y|1)$/i.test(value) ? true : /^(false|no|n|0)$/i.test(value) ? false : value;
    case 'array':
      return value.split(/\s*[;|]\s*/).filter(Boolean);
    default:
      return value;
  }
}

/**
 * Puts `value` at `path`, creating groups and lists on the way. Keys are defined as own properties and only own
 * properties are followed, so a column such as `extra.__proto__.x` builds data with a `__proto__` field (which the
 * validator then refuses, naming the column's path) instead of writing into Object.prototype.
 */
function set(target: Record<string, unknown>, path: readonly Key[], value: unknown): void {
  let node: Record<Key, unknown> = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      define(node, key, value);
      return;
    }
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (next === null || typeof next !== 'object') define(node, key, typeof path[i + 1] === 'number' ? [] : {});
    node = node[key] as Record<Key, unknown>;
  });
}

function define(node: Record<Key, unknown>, key: Key, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}
