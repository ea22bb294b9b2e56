// Refuses text in a script the packet cannot print correctly: Arabic letters must be joined (contextual shaping),
// which authpack's layout does not do, so an Arabic name would print as separate, unjoined letters.
import { formatPath, type Diagnostic } from '../diagnostics/diagnostic.js';
import { isPlainAscii } from '../format/plain-text.js';

const ARABIC = /\p{Script=Arabic}/u;

/** An error for every field (outside `extra`, which authpack never prints itself) that holds Arabic script. */
export function checkScripts(data: unknown, path: (string | number)[] = []): Diagnostic[] {
  if (typeof data === 'string') {
    if (isPlainAscii(data) || !ARABIC.test(data)) return [];
    return [
      {
        code: 'validate/unsupported-script',
        severity: 'error',
        path,
        message: `${path.length ? `The value of \`${formatPath(path)}\`` : 'A value'} is written in Arabic script, which authpack cannot print correctly: its letters would not be joined.`,
        hint: 'Write it in Latin letters, as on the insurance card (the payer matches the patient by that spelling).',
      },
    ];
  }
  if (Array.isArray(data)) return data.flatMap((v, i) => checkScripts(v, [...path, i]));
  if (data && typeof data === 'object') {
    return Object.entries(data as Record<string, unknown>).flatMap(([k, v]) => (path.length === 0 && k === 'extra' ? [] : checkScripts(v, [...path, k])));
  }
  return [];
}
