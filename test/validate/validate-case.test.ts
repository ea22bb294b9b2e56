import { describe, expect, it } from 'vitest';
import { parseCaseText } from '../../src/load/load-case.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { formatPath } from '../../src/diagnostics/diagnostic.js';
import { buildCase, TODAY } from '../support/build-case.js';

const problems = (raw: unknown) => validateCase(raw, { today: TODAY }).diagnostics.map((d) => ({ code: d.code, path: formatPath(d.path), severity: d.severity, message: d.message }));
const codesAt = (raw: unknown, path: string) => problems(raw).filter((p) => p.path === path).map((p) => p.code);

describe('validateCase', () => {
  it('accepts a complete case and applies defaults', () => {
    const result = validateCase(buildCase(), { today: TODAY });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.case?.request.urgency).toBe('standard');
    expect(result.case?.items[0]?.quantity).toBe(1);
  });

  it('reports every problem at once, each with its path', () => {
    const raw = buildCase((c) => {
      c.prescriber.npi = '1234567890';
      c.patient.dateOfBirth = '04/02/1961';
      c.request.kind = 'initail';
      c.diagnoses[0].code = 'C7';
      delete c.patient.memberId;
    });
    const found = problems(raw);
    expect(found.map((p) => p.path)).toEqual(expect.arrayContaining(['prescriber.npi', 'patient.dateOfBirth', 'request.kind', 'diagnoses[0].code', 'patient.memberId']));
    expect(validateCase(raw, { today: TODAY }).case).toBeUndefined();
  });

  it('names the field and what to do in coordinator words', () => {
    const [npi] = validateCase(buildCase((c) => (c.prescriber.npi = '1234567890')), { today: TODAY }).diagnostics;
    expect(npi?.message).toMatch(/prescriber's NPI fails the NPI check digit/);
    expect(npi?.hint).toMatch(/NPPES/);
    const [kind] = validateCase(buildCase((c) => (c.request.kind = 'initail')), { today: TODAY }).diagnostics;
    expect(kind?.hint).toContain('Did you mean "initial"');
    const [missing] = validateCase(buildCase((c) => delete c.patient.memberId), { today: TODAY }).diagnostics;
    expect(missing).toMatchObject({ code: 'validate/missing-field', message: 'The member ID is missing.' });
  });

  it('suggests the right name for a misspelled field', () => {
    const raw = buildCase((c) => {
      c.patient.dateofBirth = c.patient.dateOfBirth;
      delete c.patient.dateOfBirth;
    });
    const unknown = validateCase(raw, { today: TODAY }).diagnostics.find((d) => d.code === 'validate/unknown-field');
    expect(unknown?.hint).toContain('`dateOfBirth`');
  });

  it('checks types, formats and enums', () => {
    expect(codesAt(buildCase((c) => (c.clinical.performance.kps = '80')), 'clinical.performance.kps')).toEqual(['validate/wrong-type']);
    expect(codesAt(buildCase((c) => (c.clinical.performance.kps = 75)), 'clinical.performance.kps')).toEqual(['validate/invalid-value']);
    expect(codesAt(buildCase((c) => (c.items[0].hcpcs = 'E766')), 'items[0].hcpcs')).toEqual(['validate/invalid-value']);
    expect(codesAt(buildCase((c) => (c.items[0].modifiers = ['KFX'])), 'items[0].modifiers[0]')).toEqual(['validate/invalid-value']);
    expect(codesAt(buildCase((c) => (c.patient.sex = 'M')), 'patient.sex')).toEqual(['validate/not-allowed']);
    expect(codesAt(buildCase((c) => (c.priorTherapies[0].start = '2026-02-30')), 'priorTherapies[0].start')).toEqual(['validate/invalid-value']);
  });

  it('requires exactly one code per requested item', () => {
    const both = buildCase((c) => (c.items[0].cpt = '70553'));
    expect(problems(both).some((p) => p.path === 'items[0]' && /exactly one code/.test(p.message))).toBe(true);
  });

  it('applies cross-field date rules', () => {
    expect(codesAt(buildCase((c) => (c.signature.date = '2027-01-05')), 'signature.date')).toContain('validate/date-in-future');
    expect(codesAt(buildCase((c) => (c.patient.dateOfBirth = '2027-01-01')), 'patient.dateOfBirth')).toContain('validate/date-in-future');
    expect(codesAt(buildCase((c) => (c.clinical.diagnosedOn = '1950-01-01')), 'clinical.diagnosedOn')).toContain('validate/date-before-birth');
    expect(codesAt(buildCase((c) => (c.priorTherapies[1].end = '2000-01-01')), 'priorTherapies[1].end')).toContain('validate/end-before-start');
    // The requested start may be in the future.
    expect(codesAt(buildCase((c) => (c.request.requestedStart = '2027-03-01')), 'request.requestedStart')).toEqual([]);
  });

  it('requires a reason when the request is expedited', () => {
    expect(codesAt(buildCase((c) => (c.request.urgency = 'expedited')), 'request.expeditedReason')).toEqual(['validate/expedited-needs-reason']);
    expect(codesAt(buildCase((c) => ((c.request.urgency = 'expedited'), (c.request.expeditedReason = 'Tumor regrowth risk.'))), 'request.expeditedReason')).toEqual([]);
  });

  it('warns when usage hours and percent disagree', () => {
    const raw = buildCase((c) => (c.followUp.usageReports = [{ from: '2026-09-01', to: '2026-09-30', averageHoursPerDay: 20, percentUsage: 50 }]));
    expect(problems(raw).find((p) => p.code === 'validate/usage-mismatch')?.severity).toBe('warning');
  });

  it('treats null as absent and normalizes text to NFC', () => {
    const raw = buildCase((c) => {
      c.request.expeditedReason = null;
      c.patient.firstName = 'Jose\u0301';
    });
    const result = validateCase(raw, { today: TODAY });
    expect(result.case?.patient.firstName).toBe('José');
  });

  it('gives YAML line and column for each problem', () => {
    const text = 'version: 1\ncaseId: PA-1\npayer: generic-commercial\nprescriber:\n  npi: "1234567890"\n';
    const { raw, source } = parseCaseText(text, 'case.yaml');
    const npi = validateCase(raw, { source, today: TODAY }).diagnostics.find((d) => formatPath(d.path) === 'prescriber.npi');
    expect(npi?.place).toEqual({ file: 'case.yaml', line: 5, column: 8 });
  });
});
