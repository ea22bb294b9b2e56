// The case's line of business against the profile's: a Medicare profile (L34823 / A52711 for fee-for-service) on
// another kind of coverage is an error; other mismatches are warnings; `any` accepts every case.
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/preflight/check-case.js';
import { buildCase, TODAY, type RawCase } from '../support/build-case.js';

const finding = (payer: string, change?: (c: RawCase) => void) =>
  checkCase(buildCase(change), { today: TODAY, payer }).diagnostics.find((d) => d.code === 'preflight/line-of-business-mismatch');

describe('line of business: case against profile', () => {
  it('a commercial case against medicare-dme (Medicare fee-for-service) is an error naming the field', () => {
    const d = finding('medicare-dme');
    expect(d).toMatchObject({ severity: 'error', path: ['coverage', 'lineOfBusiness'] });
    expect(d!.message).toBe('The case is commercial coverage, but payer profile medicare-dme is written for Medicare fee-for-service: its Medicare criteria, modifiers and packet framing would not fit this case.');
  });

  it('a Medicare Advantage case against the fee-for-service profile is an error too', () => {
    expect(finding('medicare-dme', (c) => (c.coverage.lineOfBusiness = 'medicare-advantage'))?.severity).toBe('error');
  });

  it('a Medicare fee-for-service case against a commercial profile is a warning', () => {
    expect(finding('aetna-cpb-0827', (c) => (c.coverage.lineOfBusiness = 'medicare-ffs'))?.severity).toBe('warning');
  });

  it('matching lines of business say nothing', () => {
    expect(finding('aetna-cpb-0827')).toBeUndefined();
    expect(finding('medicare-dme', (c) => ((c.coverage.lineOfBusiness = 'medicare-ffs'), (c.patient.mbi = '1EG4TE5MK73')))).toBeUndefined();
  });
});
