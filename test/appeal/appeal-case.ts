// An appeal case for tests: the gbm-initial sample with a denial block (request.kind appeal).
import type { RawCase } from '../support/build-case.js';

export const CHEMO = 'attachments/chemotherapy-record-2026-08-10.pdf';
export function withDenial(c: RawCase, denial: Record<string, unknown> = {}): void {
  c.request.kind = 'appeal';
  c.denial = {
    date: '2026-11-02',
    reference: 'DN-4471',
    level: 'internal-appeal-1',
    reasons: [{ text: 'Temozolomide not documented.', criteria: ['with-temozolomide'], evidence: [{ file: CHEMO, pages: '1' }] }],
    ...denial,
  };
}
