// Maps a case path such as ['prescriber', 'npi'] to the line and column it came from in a YAML or JSON file, and
// keeps how each number was written, so a number typed where the case format expects text is read as typed.
import { isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Place } from '../diagnostics/diagnostic.js';

export interface SourceMap {
  file: string;
  /** The file is JSON (it parses as JSON): its numbers are numbers, as a JSON Schema validator reads them. */
  json?: boolean;
  /** The place of the value at `path`, or of its nearest ancestor that exists. */
  locate(path: readonly (string | number)[], options?: { key?: boolean }): Place;
  /** How the number at `path` was written (`72148`, `20.50`), when the file has a number there. */
  numberText?(path: readonly (string | number)[]): string | undefined;
}

type Located = { line: number; column: number };

/** A case path as one string key: `['prescriber', 'npi']` is `/prescriber/npi`, the root ``. */
export const pathKey = (path: readonly (string | number)[]): string => path.map((p) => `/${p}`).join('');

export function buildSourceMap(file: string, root: Node | null, lineCounter: LineCounter, options: { json?: boolean } = {}): SourceMap {
  const places = new Map<string, Located>();
  const keys = new Map<string, Located>();
  const numbers = new Map<string, string>();
  const at = (offset: number): Located => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const walk = (node: unknown, key: string) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (n.range) places.set(key, at(n.range[0]));
    if (isScalar(n) && typeof n.value === 'number' && typeof n.source === 'string') numbers.set(key, n.source);
    if (isMap(n)) {
      for (const pair of n.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const childKey = `${key}/${k}`;
        // Point at the key for a value-less entry (`field:`), otherwise at the value.
        if (pair.key && isScalar(pair.key) && pair.key.range) {
          places.set(childKey, at(pair.key.range[0]));
          keys.set(childKey, at(pair.key.range[0]));
        }
        walk(pair.value, childKey);
      }
    } else if (isSeq(n)) {
      n.items.forEach((item, i) => walk(item, `${key}/${i}`));
    }
  };
  walk(root, '');
  return {
    file,
    ...(options.json ? { json: true } : {}),
    locate(path, { key = false } = {}) {
      if (key) {
        const hit = keys.get(pathKey(path));
        if (hit) return { file, ...hit };
      }
      for (let len = path.length; len >= 0; len--) {
        const hit = places.get(pathKey(path.slice(0, len)));
        if (hit) return { file, ...hit };
      }
      return { file };
    },
    numberText(path) {
      return numbers.get(pathKey(path));
    },
  };
}
