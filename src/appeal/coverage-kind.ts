// The coverage a case asks for: initial or continued. A request says it in `request.kind`; an appeal asks again for
// the coverage that was denied (`denial.requestKind`), so its criteria, wording and checks are those of that request.
import type { Case } from '../validate/case-schema.js';

export type CoverageKind = 'initial' | 'continuation';

export function coverageKind(c: Pick<Case, 'request' | 'denial'>): CoverageKind {
  if (c.request.kind === 'appeal') return c.denial?.requestKind ?? 'initial';
  return c.request.kind;
}

export function isAppeal(c: Pick<Case, 'request'>): boolean {
  return c.request.kind === 'appeal';
}
