// Suggested modifiers under policy article A52711 (L34823, E0766): KX when every criterion is met; a criterion not
// yet shown asks for its document and keeps KX (never GZ); GA only with an ABN, GZ only when a criterion is not met
// without one; ABN modifiers only for Medicare fee-for-service (CMS: ABNs do not apply to Medicare Advantage).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPayer } from '../../src/payers/load-payer.js';
import type { PayerProfile } from '../../src/payers/payer-schema.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, ROOT, TODAY, type RawCase } from '../support/build-case.js';

const payer = loadPayer('test-ttf', [path.join(ROOT, 'test', 'fixtures', 'payers')]);

function preflight(change?: (c: RawCase) => void, profile: PayerProfile = payer) {
  const raw = buildCase((c) => {
    c.payer = 'test-ttf';
    c.coverage.lineOfBusiness = 'medicare-ffs';
    c.coverage.payerFax = '+1 555 010 0900';
    c.patient.mbi = '1EG4TE5MK73';
    c.items[0].modifiers = ['KF', 'KX'];
    c.orders = { writtenOrderDate: '2026-08-12', faceToFaceDate: '2026-08-10', deliveryDate: '2026-08-19' };
    // The test profile's unconfirmed criterion reads this measurement: met, so only the criteria a test changes count.
    c.clinical.measurements = [{ name: 'Test marker', value: 12, date: '2026-08-10' }];
    change?.(c);
  });
  const { case: c, diagnostics } = validateCase(raw, { today: TODAY });
  if (!c) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return runPreflight(c, profile, { today: TODAY });
}
const suggestion = (change?: (c: RawCase) => void, profile?: PayerProfile) => preflight(change, profile).modifiers[0]!;
const modifierFindings = (change?: (c: RawCase) => void) => preflight(change).diagnostics.filter((d) => d.code === 'preflight/modifier-rules');
const abn = { onFile: true, date: '2026-08-12' };
const kps50 = (c: RawCase) => (c.clinical.performance.kps = 50);

describe('modifiers (A52711: KX, GA, GZ; KF for E0766)', () => {
  it('KX when every criterion is met', () => {
    expect(suggestion().suggested).toEqual(['KF', 'KX']);
    expect(modifierFindings()).toEqual([]);
  });

  it('a criterion not shown keeps KX "once documented", names the criterion, and never becomes GZ or GA', () => {
    const s = suggestion((c) => delete c.clinical.histology);
    expect(s.suggested).toEqual(['KF', 'KX']);
    expect(s.pending).toEqual(['histology']);
    expect(s.reason).toMatch(/KX once documented: the case does not show histology \(pathology\)/);
    expect(suggestion((c) => (delete c.clinical.histology, (c.orders.abn = abn))).suggested).toEqual(['KF', 'KX']);
    // KX listed while a criterion is only not shown: a warning to document it, not an error.
    const [f] = modifierFindings((c) => delete c.clinical.histology);
    expect(f).toMatchObject({ severity: 'warning' });
    expect(f!.message).toContain('does not show yet: histology');
  });

  it('GZ when a criterion is not met and no ABN is on file; GA only with an ABN', () => {
    expect(suggestion(kps50)).toMatchObject({ suggested: ['KF', 'GZ'], reason: 'not met: performance; no ABN is on file' });
    expect(suggestion((c) => (kps50(c), (c.orders.abn = abn))).suggested).toEqual(['KF', 'GA']);
    expect(modifierFindings(kps50).map((d) => d.severity)).toEqual(['error']);
  });

  it('an unconfirmed criterion is named but never turns KX into GZ', () => {
    const unsure = structuredClone(payer);
    unsure.criteria.initial.find((k) => k.id === 'performance')!.unconfirmed = 'threshold not confirmed';
    const s = suggestion(kps50, unsure);
    expect(s.suggested).toEqual(['KF', 'KX']);
    expect(s.reason).toContain('not counted, their wording unconfirmed: performance');
  });

  it('never suggests GA or GZ outside Medicare fee-for-service, and flags them when listed (CMS: no ABN for Medicare Advantage)', () => {
    for (const lob of ['medicare-advantage', 'commercial']) {
      const s = suggestion((c) => (kps50(c), (c.coverage.lineOfBusiness = lob), (c.orders.abn = abn)));
      expect(s.suggested).toEqual(['KF']);
      expect(s.reason).toMatch(/exists only for Medicare fee-for-service/);
    }
    const listed = modifierFindings((c) => ((c.coverage.lineOfBusiness = 'medicare-advantage'), (c.items[0].modifiers = ['KF', 'GZ'])));
    expect(listed.map((d) => d.message).join(' ')).toMatch(/GZ goes with an Advance Beneficiary Notice, which exists only for Medicare fee-for-service/);
  });
});
