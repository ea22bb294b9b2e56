// Cross-field rules of the signature block: a signing time belongs to an electronic signature, on the signature date.
// Read defensively, like check-case-rules.ts, so they report alongside schema problems.
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export function checkSignatureRules(raw: unknown): Diagnostic[] {
  const sig = raw && typeof raw === 'object' ? (raw as { signature?: unknown }).signature : undefined;
  if (!sig || typeof sig !== 'object') return [];
  const { signedAt, method, date } = sig as { signedAt?: unknown; method?: unknown; date?: unknown };
  if (typeof signedAt !== 'string') return [];
  const out: Diagnostic[] = [];
  if (typeof method === 'string' && method !== 'electronic') {
    out.push({ code: 'validate/signed-at-not-electronic', severity: 'error', path: ['signature', 'signedAt'], message: `signature.signedAt is the time of an electronic signature, but signature.method is ${method.slice(0, 20)}; it would not be printed.`, hint: 'Set `method: electronic` if the letter is signed electronically, or remove `signedAt`.' });
  }
  const day = /^(\d{4}-\d{2}-\d{2})T/.exec(signedAt)?.[1];
  if (day && typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) && day !== date) {
    out.push({ code: 'validate/signed-at-date', severity: 'error', path: ['signature', 'signedAt'], message: `signature.signedAt is on ${day}, but signature.date is ${date}: the letter would print two signing days.`, hint: 'Make the two agree (signedAt is written with the local date and time of signing, like 2026-11-20T14:05-05:00).' });
  }
  return out;
}
