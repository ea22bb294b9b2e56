// Derived values the letter's wording depends on: dates of service, treatment durations, dosing, the noun for each
// item, the NDC in both forms, and usage against the threshold that applies.
import { describe, expect, it } from 'vitest';
import { formatHelpers } from '../../src/compose/helpers/format-helpers.js';
import { buildPacketView } from '../../src/compose/packet-view.js';
import { durationWords, periodEnd } from '../../src/format/format.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, TODAY, type RawCase } from '../support/build-case.js';

const view = (change: (c: RawCase) => void, payer = 'generic-commercial') => {
  const { case: c, diagnostics } = validateCase(buildCase(change), { today: TODAY });
  if (!c) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return buildPacketView(c, loadPayer(payer), TODAY).packet;
};
const options = { hash: {}, data: {} };

describe('dates and durations', () => {
  it('ends a period of whole months the day before the same date, or on the last day of a short month', () => {
    expect(periodEnd('2026-08-20', 3)).toBe('2026-11-19');
    expect(periodEnd('2026-12-01', 3)).toBe('2027-02-28');
    expect(periodEnd('2026-01-31', 1)).toBe('2026-02-28');
    expect(periodEnd('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('says how long a treatment lasted, counting both the first and the last day', () => {
    expect(durationWords('2026-09-14', '2026-09-19')).toBe('6 days');
    expect(durationWords('2026-06-01', '2026-07-10')).toBe('6 weeks');
    expect(durationWords('2025-09-22', '2026-01-11')).toBe('16 weeks');
    expect(durationWords('2026-01-12', '2026-07-13')).toBe('6 months');
    expect(durationWords('2019-02-19', '2026-11-01')).toBe('7.7 years');
    expect(durationWords('2026-02-01', '2026-01-01')).toBeUndefined();
  });
});

describe('helpers', () => {
  const dosing = formatHelpers.dosing as (l: unknown) => string;
  const inSentence = formatHelpers.diagnosisInSentence as (code: unknown, fallback: unknown) => string;

  it('writes dosing in prescription order and leaves out what is not given', () => {
    expect(dosing({ dose: '40 mg', route: 'subcutaneous', frequency: 'every 14 days', daysSupply: 28 })).toBe('40 mg subcutaneous every 14 days, 28-day supply');
    expect(dosing({ frequency: 'nightly' })).toBe('nightly');
    expect(dosing({})).toBe('');
  });

  it("uses the code table's diagnosis mid-sentence without ICD-10-CM's nonessential modifiers, else the case's words", () => {
    expect(inSentence('G47.33', undefined)).toBe('obstructive sleep apnea');
    expect(inSentence('C71.1', 'ignored')).toBe('malignant neoplasm of frontal lobe');
    expect(inSentence('Z99.89', 'Dependence on other enabling machines (ventilator)')).toBe('dependence on other enabling machines (ventilator)');
    expect(inSentence('Z99.89', options)).toBe('');
  });
});

describe('packet view', () => {
  it('gives each item its codes and noun; a 10-digit NDC in the billing form and as written', () => {
    const p = view((c) => (c.items = [{ ndc: '50242-040-62', hcpcs: 'J3590', description: 'x' }, { ndc: '00002751001', description: 'y' }, { cpt: '72148', description: 'z' }]));
    expect(p.itemCodes.map((i) => [i.system, i.code, i.noun, i.ndc])).toEqual([
      ['HCPCS', 'J3590', 'medication', { billing: '50242-0040-62', written: '50242-040-62', shape: '5-3-2' }],
      ['NDC', '00002-7510-01', 'medication', { billing: '00002-7510-01', shape: '11' }],
      ['CPT', '72148', 'imaging study', undefined],
    ]);
    expect(p.requestNoun).toBe('items');
    expect(p.hasModifiers).toBe(false);
  });

  it('computes age on the letter date, the dates of service and the place of service name', () => {
    const p = view((c) => ((c.patient.dateOfBirth = '1961-08-15'), (c.signature.date = '2026-08-12'), (c.request.placeOfService = '22')));
    expect(p.ageAtRequest).toBe(64);
    expect(p.period).toEqual({ start: '2026-08-20', end: '2026-11-19', months: 3 });
    expect(p.placeOfService).toEqual({ code: '22', name: 'On Campus-Outpatient Hospital' });
    expect(view((c) => (c.request.placeOfService = '98')).placeOfService).toEqual({ code: '98' });
  });

  it('shows the MBI for Medicare fee-for-service only', () => {
    expect(view((c) => ((c.patient.mbi = '1EG4TE5MK73'), (c.coverage.lineOfBusiness = 'medicare-ffs'))).showMbi).toBe(true);
    expect(view((c) => (c.patient.mbi = '1EG4TE5MK73')).showMbi).toBe(false);
  });

  it("measures usage against the policy's threshold when its criteria apply to the item, else the labelled use", () => {
    const continuation = (hours: number) => (c: RawCase) => {
      c.request.kind = 'continuation';
      c.followUp.usageReports = [{ from: '2026-08-20', to: '2026-09-19', averageHoursPerDay: hours, percentUsage: (hours / 24) * 100 }];
    };
    expect(view(continuation(17)).usage).toMatchObject({ hours: 17, meetsThreshold: false, threshold: { source: 'label', wording: 'at least 18 hours a day (75 % of the time)' } });
    // LCD L34823 defines adherence in hours only ("an average of 18 hours per day"): no percentage is cited.
    expect(view(continuation(19), 'medicare-dme').usage).toMatchObject({ meetsThreshold: true, threshold: { source: 'policy', wording: 'at least 18 hours a day' } });
    // A device with no labelled use and no policy threshold: the figures alone, and a missing report is not remarked on.
    const cpap = view((c) => (continuation(5)(c), (c.items = [{ hcpcs: 'E0601', description: 'CPAP' }])));
    expect(cpap.usage).toMatchObject({ hours: 5 });
    expect(cpap.usage?.threshold).toBeUndefined();
    expect(view((c) => (c.items = [{ hcpcs: 'E0601', description: 'CPAP' }])).usageExpected).toBe(false);
  });
});
