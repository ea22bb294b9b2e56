// Medicare LCD L33718 (PAP devices for obstructive sleep apnea) and article A52467, as encoded in the
// medicare-pap-l33718 profile with general evaluators only: `check` gives the verdict the LCD gives.
import { describe, expect, it } from 'vitest';
import { GENERAL_CHECKS } from '../../src/coverage/check-params.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { check, continuationCase, initialCase, verdicts } from './pap-cases.js';

const P = 'medicare-pap-l33718';
const afterDay91 = '2026-11-24';

describe('LCD L33718 initial coverage, criterion B (sleep test AHI/RDI)', () => {
  it('B1: AHI 32 with 220 events (>= 15 an hour, >= 30 events) is met', () => {
    expect(verdicts(initialCase(P, { ahi: 32, events: 220 }))['sleep-test-result']).toBe('met');
  });
  it('B1: AHI 32 without the number of events recorded is not shown (the LCD asks for a minimum of 30 events)', () => {
    expect(verdicts(initialCase(P, { ahi: 32 }))['sleep-test-result']).toBe('unknown');
  });
  it('B2: AHI 10 with 60 events and hypertension (I10) is met through the lower band', () => {
    const r = check(initialCase(P, { ahi: 10, events: 60, conditions: ['I10'] }));
    const o = r.criteria.find((x) => x.criterion.id === 'sleep-test-result')!;
    expect(o.result.status).toBe('met');
    expect(o.result.evidence).toMatch(/^AHI or RDI of 5 to 14 .*Diagnosis I10/);
  });
  it('B2: AHI 10 with ischemic heart disease, history of stroke or insomnia is met; with excessive daytime sleepiness shown by Epworth 15 too', () => {
    for (const code of ['I25.10', 'Z86.73', 'G47.00']) expect(verdicts(initialCase(P, { ahi: 10, events: 60, conditions: [code] }))['sleep-test-result'], code).toBe('met');
    expect(verdicts(initialCase(P, { ahi: 10, events: 60, epworth: 15 }))['sleep-test-result']).toBe('met');
  });
  it('B2: AHI 10 without any listed symptom or condition is not met', () => {
    const r = check(initialCase(P, { ahi: 10, events: 60, epworth: 6 }));
    expect(r.criteria.find((x) => x.criterion.id === 'sleep-test-result')!.result.status).toBe('not-met');
    expect(r.diagnostics.some((d) => d.code === 'preflight/criterion-not-met' && d.message.includes('Criterion B'))).toBe(true);
  });
  it('B2: AHI 10 with a listed condition but only 8 events recorded is not met (minimum of 10 events)', () => {
    expect(verdicts(initialCase(P, { ahi: 10, events: 8, conditions: ['I10'] }))['sleep-test-result']).toBe('not-met');
  });
  it('AHI 3 is below both bands: not met, whatever the conditions', () => {
    expect(verdicts(initialCase(P, { ahi: 3, events: 20, conditions: ['I10'], epworth: 15 }))['sleep-test-result']).toBe('not-met');
  });
});

describe('LCD L33718 initial coverage, criteria A, C and the sleep-test type', () => {
  it('A (in-person evaluation before the sleep test) and C (supplier instruction) are met only by the clinician\'s attestation', () => {
    expect(verdicts(initialCase(P, { ahi: 32, events: 220 }))).toMatchObject({ 'in-person-evaluation': 'unknown', 'supplier-instruction': 'unknown' });
    const attested = initialCase(P, { ahi: 32, events: 220 }, (c) => {
      c.attestations = { 'in-person-evaluation': 'Seen in person on 09/18/2026, before the home sleep test of 10/02/2026.', 'supplier-instruction': 'Mask fitting and instruction by the supplier at set-up.' };
    });
    expect(verdicts(attested)).toMatchObject({ 'in-person-evaluation': 'met', 'supplier-instruction': 'met' });
  });
  it('the sleep test (Type I polysomnogram or home sleep test) is shown by the enclosed sleep-study report', () => {
    const enclosed = initialCase(P, { ahi: 32, events: 220 }, (c) => {
      c.attachments = [{ file: 'attachments/hsat.pdf', kind: 'sleep-study', title: 'Home sleep apnea test report', date: '2026-10-09' }];
    });
    expect(verdicts(enclosed)['sleep-test-type']).toBe('met');
    expect(verdicts(initialCase(P, { ahi: 32, events: 220 }))['sleep-test-type']).toBe('unknown');
  });
  it('criterion D (E0470: single-level CPAP tried and proven ineffective) applies to a bi-level request only', () => {
    expect(verdicts(initialCase(P, { ahi: 32, events: 220 }))).not.toHaveProperty('cpap-tried-ineffective');
    const bilevel = (stopped: string) => initialCase(P, { ahi: 32, events: 220 }, (c) => {
      c.items[0] = { hcpcs: 'E0470', description: 'Bi-level PAP without backup rate', quantity: 1, acquisition: 'rental', unit: 'month' };
      c.priorTherapies.push({ name: 'CPAP (E0601), 10 cm H2O', category: 'device', start: '2026-06-01', end: '2026-08-01', outcome: 'Could not tolerate the pressure.', stoppedBecause: stopped });
    });
    expect(verdicts(bilevel('intolerance'))['cpap-tried-ineffective']).toBe('met');
    expect(verdicts(bilevel('completed'))['cpap-tried-ineffective']).toBe('not-met');
  });
  it('a case outside the OSA diagnosis is not met on the diagnosis', () => {
    const central = initialCase(P, { ahi: 32, events: 220 }, (c) => { c.diagnoses = [{ code: 'G47.31', primary: true }]; });
    expect(verdicts(central)['osa-diagnosis']).toBe('not-met');
  });
});

describe('LCD L33718 continued coverage beyond the first three months', () => {
  it('adherence: at least 4 hours on 75 % of nights (average 4.5 h) in a 30-day period ending day 60, re-evaluation on day 70: met', () => {
    const v = verdicts(continuationCase(P, { nightsPercent: 75, averageHours: 4.5, periodEnd: '2026-10-24', reevaluation: '2026-11-03' }), afterDay91);
    expect(v).toEqual({ 'reevaluation-day-31-91': 'met', 'symptoms-improved': 'met', 'adherence-4h-70': 'met' });
  });
  it('adherence: an average of 3 hours a night (4 hours or more on 30 % of nights) is not met', () => {
    const v = verdicts(continuationCase(P, { nightsPercent: 30, averageHours: 3, periodEnd: '2026-10-24', reevaluation: '2026-11-03' }), afterDay91);
    expect(v['adherence-4h-70']).toBe('not-met');
  });
  it('adherence: a qualifying period counts within the first three months, not after them', () => {
    const late = continuationCase(P, { nightsPercent: 80, averageHours: 5, periodEnd: '2026-12-10', reevaluation: '2026-11-03' });
    expect(verdicts(late, '2026-12-12')['adherence-4h-70']).toBe('not-met');
    // An earlier qualifying period wins over a later, lower one inside the window (any 30-day period qualifies).
    const two = continuationCase(P, { nightsPercent: 72, averageHours: 4.4, periodEnd: '2026-10-10', reevaluation: '2026-11-03' });
    two.clinical.measurements.push({ name: 'Nights with 4 hours or more of CPAP use (30 consecutive days)', value: 60, unit: '%', date: '2026-11-09' });
    expect(verdicts(two, afterDay91)['adherence-4h-70']).toBe('met');
  });
  it('no re-evaluation note: not shown; one before day 31 or after day 91: not met', () => {
    expect(verdicts(continuationCase(P, { nightsPercent: 75, averageHours: 4.5 }), afterDay91)['reevaluation-day-31-91']).toBe('unknown');
    expect(verdicts(continuationCase(P, { nightsPercent: 75, averageHours: 4.5, reevaluation: '2026-09-20' }), afterDay91)['reevaluation-day-31-91']).toBe('not-met');
    expect(verdicts(continuationCase(P, { nightsPercent: 75, averageHours: 4.5, reevaluation: '2026-11-25' }), '2026-11-26')['reevaluation-day-31-91']).toBe('not-met');
    // Day 31 and day 91 after the start (2026-08-25) are inside the window.
    expect(verdicts(continuationCase(P, { nightsPercent: 75, averageHours: 4.5, reevaluation: '2026-09-25' }), afterDay91)['reevaluation-day-31-91']).toBe('met');
    expect(verdicts(continuationCase(P, { nightsPercent: 75, averageHours: 4.5, reevaluation: '2026-11-24' }), afterDay91)['reevaluation-day-31-91']).toBe('met');
  });
  it('without the device start date, the windows cannot be placed: not shown', () => {
    const raw = continuationCase(P, { nightsPercent: 75, averageHours: 4.5, periodEnd: '2026-10-24', reevaluation: '2026-11-03' });
    raw.priorTherapies = raw.priorTherapies.filter((t: { category: string }) => t.category !== 'device');
    expect(verdicts(raw, afterDay91)).toMatchObject({ 'reevaluation-day-31-91': 'unknown', 'adherence-4h-70': 'unknown' });
  });
});

describe('the medicare-pap-l33718 profile', () => {
  const p = loadPayer(P, []);
  it('covers the PAP devices, humidifiers and accessories, for Medicare fee-for-service, with the first three months as the initial period', () => {
    expect(p.appliesTo).toEqual(expect.arrayContaining(['E0601', 'E0470', 'E0562', 'A7030', 'A7038']));
    expect(p.lineOfBusiness).toBe('medicare-ffs');
    expect(p.authorization.initialMonths).toBe(3);
    expect(p.indications.map((i) => i.icd10)).toEqual([['G47.33']]);
  });
  it('uses only general evaluators (no PAP-specific code) and cites its sources with the day they were checked', () => {
    for (const c of [...p.criteria.initial, ...p.criteria.continuation]) expect(GENERAL_CHECKS, c.id).toContain(c.check);
    expect(p.sources.length).toBeGreaterThan(2);
    for (const s of p.sources) expect(s.checked).toBe('2026-12-01');
    expect(p.policy?.unconfirmed).toMatch(/current LCD version/);
  });
  it('does not apply the PAP criteria to a tumor treating fields request', () => {
    const ttf = initialCase(P, { ahi: 32, events: 220 }, (c) => {
      c.items = [{ hcpcs: 'E0766', description: 'Tumor treating fields', quantity: 1, acquisition: 'rental', unit: 'month' }];
    });
    expect(verdicts(ttf)).toEqual({});
  });
});

describe('continuation-usage with a PAP adherence criterion (LCD L33718 continued coverage)', () => {
  it('does not ask for TTF-style usage reports when the profile judges adherence itself', () => {
    const raw = continuationCase(P, { nightsPercent: 75, averageHours: 4.5, periodEnd: '2026-10-24', reevaluation: '2026-11-03' });
    expect(check(raw, afterDay91).diagnostics.map((d) => d.code)).not.toContain('preflight/continuation-usage');
    raw.payer = 'generic-commercial';
    raw.coverage.lineOfBusiness = 'commercial';
    expect(check(raw, afterDay91).diagnostics.map((d) => d.code)).toContain('preflight/continuation-usage');
  });
});

describe('LCD L33718 accessories: the usual maximum amounts table', () => {
  const withSupplies = (items: { hcpcs: string; quantity: number }[], months = 3) =>
    initialCase(P, { ahi: 32, events: 220 }, (c) => {
      c.request.requestedMonths = months;
      for (const s of items) c.items.push({ hcpcs: s.hcpcs, description: `Supply ${s.hcpcs}`, quantity: s.quantity, acquisition: 'purchase' });
    });
  it('applies only when an accessory with a usual maximum is requested', () => {
    expect(verdicts(initialCase(P, { ahi: 32, events: 220 }))).not.toHaveProperty('accessory-maximum');
  });
  it('a full face mask (A7030, 1 per 3 months) and 6 cushions (A7031, 1 a month) over 6 months are within it', () => {
    expect(verdicts(withSupplies([{ hcpcs: 'A7030', quantity: 2 }, { hcpcs: 'A7031', quantity: 6 }], 6))['accessory-maximum']).toBe('met');
  });
  it('3 masks in 3 months, or 10 filters (A7038, 2 a month) in 3 months, are over it: not met, naming the code and the maximum', () => {
    const r = check(withSupplies([{ hcpcs: 'A7030', quantity: 3 }]));
    const o = r.criteria.find((x) => x.criterion.id === 'accessory-maximum')!;
    expect(o.result.status).toBe('not-met');
    expect(o.result.evidence).toContain('A7030: 3 requested, usual maximum 1 (1 per 3 months over 3 months)');
    expect(verdicts(withSupplies([{ hcpcs: 'A7038', quantity: 10 }]))['accessory-maximum']).toBe('not-met');
    expect(verdicts(withSupplies([{ hcpcs: 'A7038', quantity: 6 }]))['accessory-maximum']).toBe('met');
  });
});
