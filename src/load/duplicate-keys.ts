// Finds a key given twice in the same YAML/JSON mapping, in one pass (a set of keys per mapping), so a file with
// thousands of keys is checked in linear time.
import { isMap, isScalar, isSeq, type Node } from 'yaml';

export interface DuplicateKey {
  key: string;
  /** Source offsets of the repeated key and of its first occurrence. */
  offset: number;
  firstOffset: number;
}

export function findDuplicateKeys(root: unknown): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node | null | undefined;
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        // Keys become property names, so 1 and "1" are the same key.
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const offset = (pair.key as Node | null)?.range?.[0] ?? 0;
        const first = seen.get(key);
        if (first !== undefined) out.push({ key, offset, firstOffset: first });
        else seen.set(key, offset);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
  return out.sort((a, b) => a.offset - b.offset);
}
