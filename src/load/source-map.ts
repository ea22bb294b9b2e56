// Maps a case path such as ['prescriber', 'npi'] to the line and column it came from in a YAML or JSON file.
import { isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Place } from '../diagnostics/diagnostic.js';

export interface SourceMap {
  file: string;
  /** The place of the value at `path`, or of its nearest ancestor that exists. */
  locate(path: readonly (string | number)[], options?: { key?: boolean }): Place;
}

type Located = { line: number; column: number };

export function buildSourceMap(file: string, root: Node | null, lineCounter: LineCounter): SourceMap {
  const places = new Map<string, Located>();
  const keys = new Map<string, Located>();
  const at = (offset: number): Located => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const walk = (node: unknown, key: string) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    if (n.range) places.set(key, at(n.range[0]));
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
    locate(path, { key = false } = {}) {
      if (key) {
        const hit = keys.get(path.map((p) => `/${p}`).join(''));
        if (hit) return { file, ...hit };
      }
      for (let len = path.length; len >= 0; len--) {
        const key = path.slice(0, len).map((p) => `/${p}`).join('');
        const hit = places.get(key);
        if (hit) return { file, ...hit };
      }
      return { file };
    },
  };
}
