// Finds characters in the case that the embedded fonts cannot draw, warns with the field's path, and marks them
// visibly (U+FFFD) instead of letting the PDF show a silent gap.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import { isIdentityPath } from '../diagnostics/identity-path.js';
import { isPlainAscii } from '../format/plain-text.js';

export const REPLACEMENT = '\uFFFD';


export function replaceUndrawable<T>(value: T, covers: (cp: number) => boolean, diagnostics: Diagnostic[], path: (string | number)[] = []): T {
  if (typeof value === 'string') {
    // Every font covers printable ASCII, so most strings skip the per-character check.
    if (isPlainAscii(value)) return value;
    let missing = '';
    let out = '';
    for (const ch of value) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x0a || covers(cp)) out += ch;
      else {
        out += REPLACEMENT;
        if (!missing.includes(ch)) missing += ch;
      }
    }
    if (missing) {
      // A patient's name is not repeated in a message, not even the letters of it that cannot be drawn.
      const list = isIdentityPath(path)
        ? `${[...missing].length} different ${[...missing].length === 1 ? 'one' : 'ones'}`
        : [...missing].map((ch) => `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
      diagnostics.push({
        code: 'compose/missing-glyph',
        severity: 'warning',
        path,
        message: `${formatPath(path) || 'A field'} has characters the packet's fonts cannot draw: ${list}. They print as "${REPLACEMENT}".`,
        hint: 'The fonts cover the Latin, Greek, Cyrillic and Hebrew scripts; spell the value with those letters (for example a romanized name) if the payer needs to read it.',
      });
    }
    return out as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => replaceUndrawable(v, covers, diagnostics, [...path, i])) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceUndrawable(v, covers, diagnostics, [...path, k]);
    return out as T;
  }
  return value;
}
