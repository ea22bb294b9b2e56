// The written-order evaluator: 42 CFR 410.38 and the CMS Required Face-to-Face Encounter and WOPD List (edition
// 2026-04-13). Listed codes need a face-to-face encounter within 6 months before the order and the order before
// delivery; every other item (E0766 among them) needs its standard written order before the claim only.
import { describe, expect, it } from 'vitest';
import { writtenOrderCheck, needsFaceToFaceAndWopd } from '../../src/coverage/written-order-check.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, TODAY, type RawCase } from '../support/build-case.js';

function check(change: (c: RawCase) => void, appliesTo: string[] = []) {
  const { case: c, diagnostics } = validateCase(buildCase(change), { today: TODAY });
  if (!c) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return writtenOrderCheck({ case: c, payer: { appliesTo } });
}

describe('written order (42 CFR 410.38; CMS Required F2F/WOPD List)', () => {
  it('E0766 and E0601 are not on the list; an osteogenesis stimulator (E0760) and power wheelchairs are', () => {
    expect(needsFaceToFaceAndWopd('E0766')).toBe(false);
    expect(needsFaceToFaceAndWopd('E0601')).toBe(false);
    expect(needsFaceToFaceAndWopd('E0760')).toBe(true);
    expect(needsFaceToFaceAndWopd('K0823')).toBe(true);
  });

  it('E0766: an order dated after delivery, without a face-to-face date, still meets the rule (order before the claim)', () => {
    const r = check((c) => (c.orders = { writtenOrderDate: '2026-08-25', deliveryDate: '2026-08-19' }));
    expect(r.status).toBe('met');
    expect(r.evidence).toContain('before the claim is submitted');
    expect(r.evidence).toContain('need not precede delivery');
  });

  it('E0766 without an order date is "not shown" and asks for the order before the claim, never "not met"', () => {
    const r = check((c) => delete c.orders);
    expect(r.status).toBe('unknown');
    expect(r.evidence).toMatch(/obtain the order before the claim is submitted/);
  });

  it('a listed code (E0760): order after delivery is not met; the face-to-face must be within 6 months before the order', () => {
    const listed = (orders: RawCase) => check((c) => ((c.items[0].hcpcs = 'E0760'), (c.orders = orders)), ['E0760']);
    expect(listed({ writtenOrderDate: '2026-08-25', faceToFaceDate: '2026-08-10', deliveryDate: '2026-08-19' }).status).toBe('not-met');
    expect(listed({ writtenOrderDate: '2026-08-12', deliveryDate: '2026-08-19' }).status).toBe('unknown');
    expect(listed({ writtenOrderDate: '2026-08-12', faceToFaceDate: '2025-12-01', deliveryDate: '2026-08-19' }).status).toBe('not-met');
    const ok = listed({ writtenOrderDate: '2026-08-12', faceToFaceDate: '2026-08-10', deliveryDate: '2026-08-19' });
    expect(ok.status).toBe('met');
    expect(ok.evidence).toContain('precedes delivery');
  });

  it("medicare-dme's order criterion no longer says E0766 needs a face-to-face encounter and a WOPD (A52711, Final Rule 1713 applies to listed codes only)", () => {
    const payer = loadPayer('medicare-dme');
    const order = payer.criteria.initial.find((k) => k.check === 'written-order')!;
    expect(order.id).toBe('standard-written-order');
    expect(order.text).toMatch(/before the claim is submitted/);
    expect(order.text).toMatch(/need\s+not precede delivery/);
    expect(order.unconfirmed).toBeUndefined();
  });
});
