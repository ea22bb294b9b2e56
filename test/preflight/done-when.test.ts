// The coverage issue's acceptance scenarios, with the shipped profiles.
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/preflight/check-case.js';
import { buildCase, TODAY } from '../support/build-case.js';

describe('coverage acceptance', () => {
  it('a glioblastoma case coded E0711 fails check with an error that names E0766 and the reason', () => {
    const r = checkCase(buildCase((c) => (c.items[0].hcpcs = 'E0711')), { today: TODAY });
    const d = r.diagnostics.find((x) => x.code === 'preflight/hcpcs-wrong-code');
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain('E0766');
    expect(d?.message).toContain('upper-extremity tubing enclosure');
  });

  const recurrent = buildCase((c) => {
    c.clinical.diseaseStatus = 'recurrent';
    c.coverage.lineOfBusiness = 'medicare-ffs';
    c.patient.mbi = '1EG4TE5MK73';
  });

  it('recurrent glioblastoma is flagged as not covered under Medicare L34823', () => {
    const d = checkCase(recurrent, { today: TODAY, payer: 'medicare-dme' }).diagnostics.find((x) => x.code === 'preflight/indication-not-covered');
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain('L34823');
    expect(d?.message).toMatch(/not covered/i);
  });

  // Aetna CPB 0827 lists "other malignant tumors (e.g., ... pleural mesothelioma ...)" as experimental/investigational:
  // an E/I exclusion is a denial like "not covered", so an error (issue 10 §2).
  it('pleural mesothelioma under Aetna CPB 0827 (experimental/investigational) is an error', () => {
    const mpm = buildCase((c) => ((c.diagnoses = [{ code: 'C45.0', primary: true }]), delete c.clinical.diseaseStatus));
    const d = checkCase(mpm, { today: TODAY, payer: 'aetna-cpb-0827' }).diagnostics.find((x) => x.code === 'preflight/indication-not-covered');
    expect(d?.severity).toBe('error');
    expect(d?.message).toMatch(/^Malignant pleural mesothelioma is considered experimental or investigational under CPB 0827/);
  });

  it('the same case under Aetna CPB 0827 passes that rule', () => {
    const codes = checkCase(recurrent, { today: TODAY, payer: 'aetna-cpb-0827' }).diagnostics.map((x) => x.code);
    expect(codes).not.toContain('preflight/indication-not-covered');
  });
});
