// Decision clocks by line of business and item type (decision-timeframes.json): CMS-0057-F 72 h / 7 days for items
// and services (MA, Medicaid, CHIP); SSA §1927(d)(5)(A) 24 hours for Medicaid outpatient drugs; CMS-4180-F /
// 42 CFR 422.568, 422.572 for MA Part B drugs (72 h / 24 h); 42 CFR 423.568, 423.572 for Part D (72 h / 24 h).
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/preflight/check-case.js';
import { buildCase, TODAY, type RawCase } from '../support/build-case.js';
import table from '../../src/preflight/decision-timeframes.json' with { type: 'json' };

const J_CODE = { hcpcs: 'J9035', ndc: '50242-0060-01', description: 'Bevacizumab 10 mg', quantity: 40 };
const PHARMACY = { ndc: '0002-7510-01', description: 'Oral drug', quantity: 30, benefit: 'pharmacy' };

function clocks(lob: string, change?: (c: RawCase) => void, urgent = false): string[] {
  const raw = buildCase((c) => {
    c.coverage.lineOfBusiness = lob;
    if (urgent) Object.assign(c.request, { urgency: 'expedited', expeditedReason: 'Rapid progression.' });
    change?.(c);
  });
  return checkCase(raw, { today: TODAY, payer: 'generic-commercial' }).diagnostics.filter((d) => d.code === 'preflight/decision-timeframe').map((d) => d.message);
}

describe('decision timeframes by item type', () => {
  it('items and services under CMS-0057-F: 7 calendar days standard, 72 hours expedited (MA, Medicaid, CHIP)', () => {
    expect(clocks('medicare-advantage')).toEqual([expect.stringMatching(/^Expect a decision within 7 calendar days for a standard Medicare Advantage request for items or services \(CMS-0057-F/)]);
    expect(clocks('medicaid', undefined, true)[0]).toMatch(/within 72 hours for an expedited Medicaid request/);
    expect(clocks('chip')[0]).toMatch(/CHIP request for items or services/);
  });

  it('a Medicaid covered outpatient drug: a response within 24 hours (SSA §1927(d)(5)(A)), never the 7-day clock', () => {
    const [m] = clocks('medicaid', (c) => (c.items = [J_CODE]));
    expect(m).toMatch(/^Expect a response within 24 hours for a Medicaid prior-authorization request for a covered outpatient drug \(Social Security Act §1927\(d\)\(5\)\(A\)/);
    expect(m).not.toContain('secondary');
  });

  it('Medicare Advantage: a Part B drug 72 hours standard / 24 hours expedited; a pharmacy drug under Part D the same, both marked to verify', () => {
    expect(clocks('medicare-advantage', (c) => (c.items = [J_CODE]))[0]).toMatch(/within 72 hours for a standard Medicare Advantage request for a Part B drug .*42 CFR 422\.568 and 422\.572\); the figures come from secondary sources/);
    expect(clocks('medicare-advantage', (c) => (c.items = [J_CODE]), true)[0]).toMatch(/within 24 hours for an expedited/);
    expect(clocks('medicare-advantage', (c) => (c.items = [PHARMACY]), true)[0]).toMatch(/within 24 hours for an expedited Part D coverage determination \(.*423\.568 and 423\.572\)/);
  });

  it('a device and a drug in one request get one clock each', () => {
    expect(clocks('medicare-advantage', (c) => c.items.push(J_CODE))).toHaveLength(2);
  });

  it('commercial: the state or plan rule, no federal clock; Medicare fee-for-service: no prior-authorization clock', () => {
    expect(clocks('commercial')[0]).toMatch(/^No federal decision clock .*: state law and the plan's contract set it/);
    expect(clocks('medicare-ffs')[0]).toMatch(/^Medicare fee-for-service has no prior-authorization decision clock/);
  });

  it('every clock with figures cites at least one source with its checked date', () => {
    for (const k of table.clocks) if (k.status !== 'none') expect(k.sources?.length, k.id).toBeGreaterThan(0);
    for (const k of table.clocks) for (const s of k.sources ?? []) expect(s.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
