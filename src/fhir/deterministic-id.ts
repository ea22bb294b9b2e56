// Deterministic resource ids: the same case, packet date and role always give the same UUID, so an export is
// byte-identical when run again (no random or clock-based ids).
import { createHash } from 'node:crypto';

/** A UUID (version 5 layout) from a SHA-256 of the parts; the seed never leaves the digest. */
export function deterministicUuid(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Makes ids for one export: `id('Patient')`, `id('Condition', 2)`. */
export function idMaker(caseId: string, day: string): (role: string, index?: number) => string {
  return (role, index) => deterministicUuid('authpack-pas', caseId, day, role, index === undefined ? '' : String(index));
}
