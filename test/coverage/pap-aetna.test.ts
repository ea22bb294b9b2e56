// Aetna CPB 0004 (Obstructive Sleep Apnea in Adults), as encoded in the aetna-cpb-0004 profile from third-party
// summaries: `check` gives the summarised policy's verdict, and every criterion stays marked unconfirmed.
import { describe, expect, it } from 'vitest';
import { loadPayer } from '../../src/payers/load-payer.js';
import { check, continuationCase, initialCase, verdicts } from './pap-cases.js';

const P = 'aetna-cpb-0004';

describe('CPB 0004 AHI thresholds (AHI >= 15, or 5-14 with a listed comorbidity; d3rx summary)', () => {
  it('AHI 32 is met', () => {
    expect(verdicts(initialCase(P, { ahi: 32 }))['ahi-threshold']).toBe('met');
  });
  it('AHI 10 with hypertension (I10) is met through the comorbidity band', () => {
    expect(verdicts(initialCase(P, { ahi: 10, conditions: ['I10'] }))['ahi-threshold']).toBe('met');
  });
  it('AHI 10 without a listed comorbidity is not met', () => {
    expect(verdicts(initialCase(P, { ahi: 10, epworth: 6 }))['ahi-threshold']).toBe('not-met');
  });
  it('AHI 3 is not met', () => {
    expect(verdicts(initialCase(P, { ahi: 3, conditions: ['I10'] }))['ahi-threshold']).toBe('not-met');
  });
  it('says in the check report that the criterion is unconfirmed and is not cited in the letter', () => {
    const o = check(initialCase(P, { ahi: 32 })).criteria.find((x) => x.criterion.id === 'ahi-threshold')!;
    expect(o.criterion.unconfirmed).toMatch(/third-party summary/);
  });
});

describe('CPB 0004 continued coverage (adherence terms unconfirmed; modelled on LCD L33718)', () => {
  it('4 hours or more on 75 % of nights (average 4.5 h) is met; an average of 3 hours (30 % of nights) is not met', () => {
    expect(verdicts(continuationCase(P, { nightsPercent: 75, averageHours: 4.5, periodEnd: '2026-10-24', reevaluation: '2026-11-03' }), '2026-11-24')['adherence-4h-70']).toBe('met');
    expect(verdicts(continuationCase(P, { nightsPercent: 30, averageHours: 3, periodEnd: '2026-10-24', reevaluation: '2026-11-03' }), '2026-11-24')['adherence-4h-70']).toBe('not-met');
  });
  it('no re-evaluation note is not shown', () => {
    expect(verdicts(continuationCase(P, { nightsPercent: 75, averageHours: 4.5 }), '2026-11-24').reevaluation).toBe('unknown');
  });
  it('marks every criterion resting on an unconfirmed term, and the revision date, as unconfirmed', () => {
    const p = loadPayer(P, []);
    expect(p.lineOfBusiness).toBe('commercial');
    expect(p.policy?.unconfirmed).toBeDefined();
    for (const c of [...p.criteria.initial, ...p.criteria.continuation].filter((x) => x.id !== 'osa-diagnosis')) expect(c.unconfirmed, c.id).toBeDefined();
  });
});
