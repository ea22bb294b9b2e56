// One rule for every text field: a value the user wrote without quotes in YAML where the case format expects text
// (`cpt: 72148`, `npi: 1234567893`, `modifiers: [59]`, `description: 12.50`) is the text they typed, never the number
// YAML made of it ("12.5", or "100000" for 1e5: the loader already keeps such values as written). JSON, NDJSON and
// data from code have no "typed": a number there stays a number and a text field refuses it, as JSON Schema does.
import type { SourceMap } from '../load/source-map.js';
import { caseSchema } from './case-schema.js';
import { schemaAt } from './issue-to-diagnostic.js';

type Path = (string | number)[];

/** Whether the case format expects text at `path`. */
export function expectsText(path: readonly (string | number)[]): boolean {
  const chain = schemaAt(caseSchema, path);
  const leaf = chain[chain.length - 1];
  return (leaf?._zod.def as { type?: string } | undefined)?.type === 'string';
}

/** Replaces, in place, each number a YAML file gives where text is expected by the text typed. */
export function readNumbersAsTyped(data: unknown, source: SourceMap | undefined): void {
  if (!source?.numberText || source.json) return;
  const typed = source.numberText.bind(source);
  const walk = (node: unknown, path: Path): void => {
    // `extra` is the user's own data, read as YAML reads it.
    if (node === null || typeof node !== 'object' || path[0] === 'extra') return;
    const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [key, value] of entries) {
      const at = [...path, key];
      if (typeof value !== 'number') walk(value, at);
      else {
        const text = typed(at);
        if (text !== undefined && expectsText(at)) (node as Record<string | number, unknown>)[key] = text;
      }
    }
  };
  walk(data, []);
}
