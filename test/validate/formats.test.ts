import { describe, expect, it } from 'vitest';
import { CPT, HCPCS, ICD10_CM, isIsoDate, isValidNpi, npiCheckDigit } from '../../src/validate/formats.js';

describe('NPI check digit (Luhn with the 80840 prefix)', () => {
  it('accepts the CMS example and a second known-valid NPI', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1558598797')).toBe(true);
  });
  it('rejects a wrong check digit, a wrong length and a leading digit other than 1 or 2', () => {
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('3234567893')).toBe(false);
  });
  it('catches every single-digit typo in a valid NPI', () => {
    const npi = '1558598797';
    for (let i = 0; i < 10; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === npi[i]) continue;
        const typo = npi.slice(0, i) + d + npi.slice(i + 1);
        expect(isValidNpi(typo), typo).toBe(false);
      }
    }
  });
});

describe('code and date shapes', () => {
  it('knows ICD-10-CM, HCPCS and CPT shapes', () => {
    expect(ICD10_CM.test('C71.1')).toBe(true);
    expect(ICD10_CM.test('Z92.21')).toBe(true);
    expect(ICD10_CM.test('C71')).toBe(true);
    expect(ICD10_CM.test('71.1')).toBe(false);
    expect(HCPCS.test('E0766')).toBe(true);
    expect(HCPCS.test('E766')).toBe(false);
    expect(HCPCS.test('W0766')).toBe(false);
    expect(CPT.test('70553')).toBe(true);
    expect(CPT.test('0042T')).toBe(true);
  });
  it('accepts only real calendar days written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('04/02/1961')).toBe(false);
  });
});
