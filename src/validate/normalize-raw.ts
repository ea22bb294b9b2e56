// Cleans typed text before validation: null means "not given", text is NFC with plain newlines and no control characters.

import { isPlainAscii } from '../format/plain-text.js';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\uFEFF]/g;

export function normalizeRaw(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value === 'string') return isPlainAscii(value) ? value : value.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, '');
  if (Array.isArray(value)) return value.map(normalizeRaw);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const n = normalizeRaw(v);
      // Defined, not assigned: `out['__proto__'] = v` would replace the object's prototype instead of adding a key.
      if (n !== undefined) Object.defineProperty(out, k, { value: n, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
