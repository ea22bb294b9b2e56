// Appeal deadlines against fixed dates: each level and plan type, leap years, month ends, notice date vs receipt.
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, APPEAL_CLOCKS, appealDeadlines, daysFrom } from '../../src/appeal/deadlines.js';
import { APPEAL_LEVELS } from '../../src/validate/case-schema.js';

type Lob = 'commercial' | 'exchange' | 'medicare-ffs' | 'medicare-advantage' | 'medicaid' | 'chip';
function appeal(lob: Lob, denial: Record<string, unknown>, urgency: 'standard' | 'expedited' = 'standard') {
  // Only the fields deadlines.ts reads.
  return { request: { kind: 'appeal', urgency }, coverage: { lineOfBusiness: lob }, denial: { reasons: [], ...denial } } as unknown as Parameters<typeof appealDeadlines>[0];
}
const filing = (lob: Lob, denial: Record<string, unknown>, today = '2026-12-02') => appealDeadlines(appeal(lob, denial), today)?.filing;

describe('calendar arithmetic', () => {
  it('adds days across month ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysFrom('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysFrom('2027-07-14', '2027-07-01')).toBe(-13);
  });
  it('adds months, moving a day the month lacks to the first of the next month', () => {
    expect(addMonths('2028-02-29', 4)).toBe('2028-06-29');
    expect(addMonths('2027-02-28', 4)).toBe('2027-06-28');
    expect(addMonths('2026-10-31', 4)).toBe('2027-03-01');
    expect(addMonths('2027-10-31', 4)).toBe('2028-03-01');
    expect(addMonths('2027-10-29', 4)).toBe('2028-02-29');
    expect(addMonths('2026-10-29', 4)).toBe('2027-03-01');
    expect(addMonths('2026-09-30', 4)).toBe('2027-01-30');
  });
});

describe('filing deadlines', () => {
  it('ERISA group internal appeal: 180 days from receipt, the notice date when receipt is not given', () => {
    const f = filing('commercial', { date: '2027-01-15', level: 'internal-appeal-1', planType: 'erisa-group' });
    expect(f?.deadline).toBe('2027-07-14');
    expect(f?.basis).toContain('29 CFR 2560.503-1(h)(3)(i)');
    expect(f?.countedFromWhat).toContain('not given');
    expect(filing('commercial', { date: '2027-01-15', receivedOn: '2027-01-20', level: 'internal-appeal-1' })?.deadline).toBe('2027-07-19');
  });
  it('commercial defaults to an ERISA group plan and exchange to an individual plan, and says it assumed so', () => {
    const erisa = appealDeadlines(appeal('commercial', { date: '2027-01-15', level: 'internal-appeal-1' }), '2027-02-01')!;
    expect(erisa.planType).toBe('erisa-group');
    expect(erisa.planTypeAssumed).toBe(true);
    expect(erisa.notes[0]).toMatch(/assumed to be erisa-group/);
    const individual = appealDeadlines(appeal('exchange', { date: '2027-01-15', level: 'internal-appeal-1' }), '2027-02-01')!;
    expect(individual.planType).toBe('individual');
    expect(individual.filing?.basis).toContain('45 CFR 147.136');
    const stated = appealDeadlines(appeal('commercial', { date: '2027-01-15', level: 'internal-appeal-1', planType: 'non-erisa-group' }), '2027-02-01')!;
    expect(stated.planTypeAssumed).toBe(false);
    expect(stated.filing?.basis).toContain('45 CFR 147.136');
  });
  it('internal appeal level 2: the plan sets the window; the decision clock is 15 days a level', () => {
    const d = appealDeadlines(appeal('commercial', { date: '2027-01-15', level: 'internal-appeal-2' }), '2027-02-01')!;
    expect(d.filing).toBeUndefined();
    expect(d.filingNote).toMatch(/plan sets the second-level window/);
    expect(d.decisions.find((c) => c.clock === 'pre-service')?.time).toBe('15 days');
  });
  it('external review: 4 months after receipt; with no such day, the first day of the fifth month', () => {
    expect(filing('commercial', { date: '2026-10-31', level: 'external-review' })?.deadline).toBe('2027-03-01');
    expect(filing('exchange', { date: '2028-02-29', level: 'external-review' })?.deadline).toBe('2028-06-29');
    expect(filing('commercial', { date: '2027-02-28', level: 'external-review' })?.deadline).toBe('2027-06-28');
    expect(filing('commercial', { date: '2027-10-20', receivedOn: '2027-10-31', level: 'external-review' })?.deadline).toBe('2028-03-01');
    const d = appealDeadlines(appeal('commercial', { date: '2026-10-31', level: 'external-review' }, 'expedited'), '2026-12-02')!;
    expect(d.urgent).toBe(true);
    expect(d.decisions.find((c) => c.clock === 'expedited')?.time).toMatch(/^72 hours/);
  });
  it('Medicare redetermination: 120 days from receipt, presumed 5 days after the notice date', () => {
    const f = filing('medicare-ffs', { date: '2028-02-24', level: 'medicare-redetermination' })!;
    expect(f.countedFrom).toBe('2028-02-29');
    expect(f.deadline).toBe('2028-06-28');
    expect(f.status).toBe('confirmed');
    expect(f.goodCause).toContain('405.942(b)');
    expect(filing('medicare-ffs', { date: '2028-02-24', receivedOn: '2028-03-01', level: 'medicare-redetermination' })?.deadline).toBe('2028-06-29');
  });
  it('Medicare reconsideration: 180 days from receipt of the redetermination', () => {
    expect(filing('medicare-ffs', { date: '2026-12-31', level: 'medicare-reconsideration' })?.deadline).toBe('2027-07-04');
  });
  it('Medicare Advantage reconsideration: 65 days from the notice date; decisions 30 / 60 / 7 days / 72 hours', () => {
    expect(filing('medicare-advantage', { date: '2027-12-31', level: 'ma-reconsideration' })?.deadline).toBe('2028-03-05');
    expect(filing('medicare-advantage', { date: '2026-12-31', level: 'ma-reconsideration' })?.deadline).toBe('2027-03-06');
    // The notice date counts, not receipt.
    expect(filing('medicare-advantage', { date: '2026-12-31', receivedOn: '2027-01-10', level: 'ma-reconsideration' })?.deadline).toBe('2027-03-06');
    const d = appealDeadlines(appeal('medicare-advantage', { date: '2026-12-31', level: 'ma-reconsideration' }), '2027-01-02')!;
    expect(d.decisions.map((c) => [c.clock, c.time.split(' ').slice(0, 2).join(' ')])).toEqual([
      ['pre-service', '30 days'], ['post-service', '60 days'], ['part-b-drug', '7 days'], ['expedited', '72 hours'],
    ]);
    expect(d.decisions.every((c) => c.basis.startsWith('42 CFR 422.590'))).toBe(true);
  });
  it('Medicaid and CHIP: plan appeal 60 days, state fair hearing 120 days after the plan decision', () => {
    expect(filing('medicaid', { date: '2028-01-01', level: 'medicaid-plan-appeal' })?.deadline).toBe('2028-03-01');
    expect(filing('chip', { date: '2027-01-01', level: 'medicaid-plan-appeal' })?.deadline).toBe('2027-03-02');
    const hearing = appealDeadlines(appeal('medicaid', { date: '2027-03-15', level: 'state-fair-hearing' }), '2027-03-20')!;
    expect(hearing.filing?.deadline).toBe('2027-07-13');
    expect(hearing.filing?.basis).toContain('438.408(f)(2)');
    expect(hearing.notes.join(' ')).toMatch(/shorter window, not less than 90 days/);
  });
  it('reconsideration and peer-to-peer: no regulatory clock, set by the payer', () => {
    for (const level of ['reconsideration', 'peer-to-peer']) {
      for (const lob of ['commercial', 'medicare-advantage', 'medicaid'] as const) {
        const d = appealDeadlines(appeal(lob, { date: '2027-01-15', level }), '2027-02-01')!;
        expect(d.filing).toBeUndefined();
        expect(d.filingNote).toBe('Set by the payer; see the denial notice.');
      }
    }
  });
  it('counts the days left from the packet date (negative once past)', () => {
    expect(filing('commercial', { date: '2027-01-15', level: 'internal-appeal-1' }, '2027-07-01')?.daysLeft).toBe(13);
    expect(filing('commercial', { date: '2027-01-15', level: 'internal-appeal-1' }, '2027-07-14')?.daysLeft).toBe(0);
    expect(filing('commercial', { date: '2027-01-15', level: 'internal-appeal-1' }, '2027-07-20')?.daysLeft).toBe(-6);
  });
  it('gives nothing for a level that does not fit the coverage, or a case without a denial', () => {
    expect(appealDeadlines(appeal('medicare-ffs', { date: '2027-01-15', level: 'ma-reconsideration' }), '2027-02-01')).toBeUndefined();
    expect(appealDeadlines({ request: { kind: 'initial', urgency: 'standard' }, coverage: { lineOfBusiness: 'commercial' } } as never, '2027-02-01')).toBeUndefined();
  });
});

describe('the clock table', () => {
  it('has an entry for every appeal level, each figure with a basis, a status and a dated source where it has a clock', () => {
    for (const level of APPEAL_LEVELS) expect(APPEAL_CLOCKS.some((k) => k.level === level), level).toBe(true);
    for (const k of APPEAL_CLOCKS) {
      if (k.filing) {
        expect(k.filing.basis, k.id).toMatch(/CFR/);
        expect(['confirmed', 'secondary', 'unverified']).toContain(k.filing.status);
        expect(k.sources.length, k.id).toBeGreaterThan(0);
      } else expect(k.filingNote, k.id).toBeTruthy();
      for (const s of k.sources) expect(s.checked).toBe('2026-12-02');
      for (const c of k.decisions) expect(['confirmed', 'secondary', 'unverified']).toContain(c.status);
    }
  });
});
