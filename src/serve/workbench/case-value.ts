// Reading and writing the case being edited by field path, and tidying it for the server: an emptied field is
// removed (an absent field is "not given"), never sent as "".

export type PathKey = string;
export type CasePath = (string | number)[];
type Obj = Record<string, unknown>;

/** `['priorTherapies', 0, 'end']` → `priorTherapies.0.end`: the key of a field in the form and in diagnostics. */
export function pathKey(path: readonly (string | number)[]): PathKey {
  return path.join('.');
}

export function parsePathKey(key: PathKey): CasePath {
  return key === '' ? [] : key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function getAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Obj)[part as string];
  }
  return node;
}

/** Sets (or, for `undefined`, removes) the value at `path`, creating groups and lists on the way. */
export function setAt(root: Obj, path: readonly (string | number)[], value: unknown): void {
  let node: Obj = root;
  for (let i = 0; i < path.length - 1; i++) {
    const part = path[i]!;
    let next = node[part as string];
    if (next === null || typeof next !== 'object') {
      next = typeof path[i + 1] === 'number' ? [] : {};
      node[part as string] = next;
    }
    node = next as Obj;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node) && typeof last === 'number') node[last] = undefined;
    else delete node[last as string];
  } else node[last as string] = value;
}

/** The case as sent to the server: empty text, empty groups and holes removed; lists kept (they may be empty). */
export function tidyCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidyCase).map((v) => (v === undefined ? {} : v));
  if (value !== null && typeof value === 'object') {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value as Obj)) {
      const t = tidyCase(v);
      if (t === undefined) continue;
      if (t !== null && typeof t === 'object' && !Array.isArray(t) && Object.keys(t).length === 0) continue;
      out[k] = t;
    }
    return out;
  }
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

/** What the coordinator typed in a field of `kind`, as the case stores it. */
export function valueFromInput(kind: string, text: string): unknown {
  if (kind === 'yesno') return text === 'yes' ? true : text === 'no' ? false : undefined;
  if (kind === 'lines') {
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    return lines.length ? lines : undefined;
  }
  if (text.trim() === '') return undefined;
  // A number field keeps what does not read as a number, so validation names the mistake instead of losing it.
  if (kind === 'number') return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text;
  return text;
}

/** The text a field of `kind` shows for a stored value. */
export function inputFromValue(kind: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (kind === 'yesno') return value === true ? 'yes' : value === false ? 'no' : '';
  if (kind === 'lines') return Array.isArray(value) ? value.map(String).join('\n') : String(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
