// Cleans typed text before validation: null means "not given", text is NFC with plain newlines and no control characters.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isPlainAscii } from '../format/plain-text.js';
import { bidiControlWarning, removeBidiControls } from './bidi-controls.js';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\uFEFF]/g;

/** Normalizes raw case data; bidi controls removed from a field are reported in `warnings` with the field's path. */
export function normalizeRaw(value: unknown, warnings: Diagnostic[] = [], path: (string | number)[] = []): unknown {
  if (value === null) return undefined;
  if (typeof value === 'string') {
    if (isPlainAscii(value)) return value;
    const cleaned = removeBidiControls(value.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, ''));
    if (cleaned.removed.length) warnings.push(bidiControlWarning(path, cleaned.removed));
    return cleaned.text;
  }
  if (Array.isArray(value)) return value.map((v, i) => normalizeRaw(v, warnings, [...path, i]));
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const n = normalizeRaw(v, warnings, [...path, k]);
      // Defined, not assigned: `out['__proto__'] = v` would replace the object's prototype instead of adding a key.
      if (n !== undefined) Object.defineProperty(out, k, { value: n, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
