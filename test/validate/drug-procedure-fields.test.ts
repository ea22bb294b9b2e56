// The case format's fields for drugs, procedures and measurements: NDC shapes, J-code with NDC, dates of service,
// place of service, stated absence of prior therapy; each problem named in a coordinator's words.
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/diagnostics/diagnostic.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { ndcProblem, ndcShape, normalizeNdc } from '../../src/validate/formats.js';
import { buildCase, TODAY, type RawCase } from '../support/build-case.js';

const check = (change: (c: RawCase) => void) => validateCase(buildCase(change), { today: TODAY });
const at = (change: (c: RawCase) => void, path: string) => check(change).diagnostics.filter((d) => formatPath(d.path) === path);

describe('NDC', () => {
  it('normalises each 10-digit shape to the 11-digit 5-4-2 billing form by padding the short segment', () => {
    expect(normalizeNdc('0002-7510-01')).toBe('00002-7510-01');
    expect(normalizeNdc('50242-040-62')).toBe('50242-0040-62');
    expect(normalizeNdc('60575-4112-1')).toBe('60575-4112-01');
    expect(normalizeNdc('00002-7510-01')).toBe('00002-7510-01');
    expect(normalizeNdc('00002751001')).toBe('00002-7510-01');
    expect(ndcShape('0002-7510-01')).toBe('4-4-2');
    expect(ndcShape('0002751001')).toBe('10');
  });

  it('refuses 10 digits without hyphens, saying why and showing the three shapes', () => {
    expect(normalizeNdc('0002751001')).toBeUndefined();
    const [d] = at((c) => (c.items[0] = { ndc: '0002751001', description: 'Drug' }), 'items[0].ndc');
    expect(d?.message).toMatch(/10 digits without hyphens, which cannot be turned into the 11-digit billing form/);
    expect(d?.message).toContain('4-4-2 (1234-5678-90), 5-3-2 (12345-678-90), 5-4-1 (12345-6789-0)');
  });

  it('names the shape of a hyphenated NDC that has none of the NDC shapes', () => {
    expect(ndcProblem('000275-100-1')).toMatch(/^has the shape 6-3-1, which is not an NDC shape/);
    const [d] = at((c) => (c.items[0] = { ndc: '000275-100-1', description: 'Drug' }), 'items[0].ndc');
    expect(d?.message).toMatch(/The NDC has the shape 6-3-1/);
  });

  it('accepts a drug with its J-code beside the NDC, and keeps "exactly one code" for everything else', () => {
    expect(check((c) => (c.items[0] = { ndc: '0002-7510-01', hcpcs: 'J3590', description: 'Drug' })).case).toBeDefined();
    for (const item of [{ ndc: '0002-7510-01', cpt: '96413' }, { hcpcs: 'E0766', cpt: '70553' }, {}]) {
      const [d] = at((c) => (c.items[0] = { ...item, description: 'x' }), 'items[0]');
      expect(d?.message).toMatch(/needs exactly one code: `hcpcs`, `cpt` or `ndc` \(a drug may give its HCPCS J-code together with its `ndc`\)/);
    }
  });
});

describe('dates and place of service', () => {
  it('needs requestedMonths or requestedEnd, and an end not before the start', () => {
    expect(at((c) => delete c.request.requestedMonths, 'request.requestedMonths')[0]?.message).toMatch(/needs `requestedMonths` or `requestedEnd`/);
    expect(check((c) => (delete c.request.requestedMonths, (c.request.requestedEnd = '2026-09-30'))).case).toBeDefined();
    expect(at((c) => (c.request.requestedEnd = '2026-08-01'), 'request.requestedEnd')[0]?.code).toBe('validate/end-before-start');
  });

  it('warns when months and end date describe two different periods', () => {
    const [d] = at((c) => (c.request.requestedEnd = '2027-02-19'), 'request.requestedEnd');
    expect(d).toMatchObject({ code: 'validate/period-mismatch', severity: 'warning' });
    expect(d?.message).toContain('3 months from 2026-08-20 end on 2026-11-19');
    expect(at((c) => (c.request.requestedEnd = '2026-11-19'), 'request.requestedEnd')).toEqual([]);
  });

  it('reads a place of service written as a number as its two digits, and warns about a code it does not know', () => {
    expect(check((c) => (c.request.placeOfService = 2)).case?.request.placeOfService).toBe('02');
    expect(check((c) => (c.request.placeOfService = 22)).case?.request.placeOfService).toBe('22');
    const [unknown] = at((c) => (c.request.placeOfService = '98'), 'request.placeOfService');
    expect(unknown).toMatchObject({ code: 'validate/place-of-service-unknown', severity: 'warning' });
    expect(at((c) => (c.request.placeOfService = '2'), 'request.placeOfService')[0]?.message).toMatch(/two-digit place-of-service code/);
  });
});

describe('prior therapies and measurements', () => {
  it('refuses "no prior therapy" beside a list of prior therapies', () => {
    expect(at((c) => (c.noPriorTherapy = true), 'noPriorTherapy')[0]?.code).toBe('validate/no-prior-therapy-with-list');
    expect(check((c) => ((c.priorTherapies = []), (c.noPriorTherapy = true))).case?.noPriorTherapy).toBe(true);
  });

  it('suggests the spelling of a new therapy category', () => {
    expect(at((c) => (c.priorTherapies[0].category = 'behavioural-therapy'), 'priorTherapies[0].category')[0]?.hint).toContain('Did you mean "behavioral-therapy"');
  });

  it('refuses a measurement dated after the packet date or with a code but no code system', () => {
    expect(at((c) => (c.clinical.measurements = [{ name: 'AHI', value: 30, date: '2027-01-01' }]), 'clinical.measurements[0].date')[0]?.code).toBe('validate/date-in-future');
    expect(at((c) => (c.clinical.measurements = [{ name: 'BMI', value: 30, date: '2026-08-01', code: '39156-5' }]), 'clinical.measurements[0]')[0]?.message).toMatch(/needs both `codeSystem` and `code`/);
  });
});
