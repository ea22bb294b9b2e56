// Invisible bidirectional controls (embeddings, overrides, isolates and marks) can make a name or a number display
// in another order than it was typed (U+202E reverses what follows it): they are removed, with a warning.
import { formatPath, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * U+202A–U+202E (embeddings, overrides, pop), U+2066–U+2069 (isolates), and the marks U+200E, U+200F, U+061C.
 * Marks draw nothing and reorder little, but they are invisible too and can hide in a value the same way; the
 * packet sets text direction itself (layout applies the Unicode bidi algorithm), so none of them is needed.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

const NAMES: Record<string, string> = {
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
  '\u200E': 'LEFT-TO-RIGHT MARK',
  '\u200F': 'RIGHT-TO-LEFT MARK',
  '\u061C': 'ARABIC LETTER MARK',
};

export function removeBidiControls(text: string): { text: string; removed: string[] } {
  const removed: string[] = [];
  const out = text.replace(BIDI_CONTROL, (ch) => {
    removed.push(ch);
    return '';
  });
  return { text: out, removed };
}

/** The warning for one field; it names the characters, never the value (it may be a patient's name). */
export function bidiControlWarning(path: (string | number)[], removed: readonly string[]): Diagnostic {
  const kinds = [...new Set(removed)].map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ${NAMES[ch]}`);
  const n = removed.length;
  return {
    code: 'validate/bidi-control-removed',
    severity: 'warning',
    path,
    message: `${path.length ? `The value of \`${formatPath(path)}\`` : 'A value'} contained ${n} invisible text-direction control ${n === 1 ? 'character' : 'characters'} (${kinds.join(', ')}), which can make text display in another order than it was typed; ${n === 1 ? 'it was' : 'they were'} removed.`,
    hint: 'Check that the value reads as intended (for example on the insurance card) and retype it rather than pasting it from a source that adds direction marks.',
  };
}
