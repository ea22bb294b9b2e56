// Appeal cases for tests: the gbm-initial sample with a denial block (request.kind appeal). `withDenial` adds a
// minimal one to a case being built; `buildAppealCase` gives a fuller one (two reasons mapped to the payer's
// criteria, one with a response and cited pages, a denial letter attached), changed by a mutator.
import { buildCase, type RawCase } from '../support/build-case.js';

export const CHEMO = 'attachments/chemotherapy-record-2026-08-10.pdf';
export const DENIAL_FILE = 'attachments/clinic-note-2026-11-16.pdf';
export const EVIDENCE_FILE = 'attachments/pathology-report-3-pages.pdf';

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

export function buildAppealCase(change?: (c: RawCase) => void): RawCase {
  return buildCase((c) => {
    c.request.kind = 'appeal';
    c.signature.date = '2026-11-20';
    c.attachments.unshift({ file: DENIAL_FILE, kind: 'denial-letter', title: 'Denial notice', date: '2026-11-02' });
    c.attachments.push({ file: EVIDENCE_FILE, kind: 'pathology', title: 'Addendum pathology report', date: '2026-11-10' });
    c.denial = {
      date: '2026-11-02',
      reference: 'DN-55120',
      level: 'internal-appeal-1',
      requestKind: 'initial',
      reasons: [
        { text: 'Concurrent temozolomide is not documented.', criteria: ['with-temozolomide'], response: 'Temozolomide was given with radiation and continues as adjuvant therapy.', evidence: [{ file: EVIDENCE_FILE, pages: '2' }], new: true },
        { text: 'Therapy start is beyond 7 weeks after chemoradiation.', criteria: ['after-chemoradiation'], evidence: [{ file: 'attachments/chemotherapy-record-2026-08-10.pdf' }] },
      ],
      reviewer: { name: 'R. Example', credentials: 'MD', specialty: 'Internal medicine' },
      remedies: ['overturn'],
    };
    change?.(c);
  });
}
