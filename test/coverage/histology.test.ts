// Issue 10 §5, histology matching: the policies' "glioblastoma (... GBM or WHO grade IV astrocytoma)" (Anthem
// CG-DME-44; LCD L34823 criterion 1 "histologically confirmed (WHO grade IV astrocytoma)") covers gliosarcoma and
// the WHO 2021 (CNS5) name "Astrocytoma, IDH-mutant, CNS WHO grade 4"; a grade 2 or 3 astrocytoma does not match.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/coverage/criterion-checks.js';
import { readHistology } from '../../src/coverage/histology.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, ROOT, TODAY } from '../support/build-case.js';

const payer = loadPayer('test-ttf', [path.join(ROOT, 'test', 'fixtures', 'payers')]);

function withHistology(histology: string) {
  const { case: c } = validateCase(buildCase((x) => (x.clinical.histology = histology)), { today: TODAY });
  return { c: c!, result: runCheck({ id: 'histology', check: 'diagnosis-glioblastoma' }, { case: c!, payer, today: TODAY }) };
}

describe('diagnosis-glioblastoma (research §5: WHO CNS5 naming; CG-DME-44 and L34823 call it WHO grade IV astrocytoma)', () => {
  it.each([
    'Glioblastoma, IDH-wildtype, CNS WHO grade 4',
    'glioblastoma multiforme',
    'GBM',
    'Gliosarcoma, CNS WHO grade 4',
    'WHO grade IV astrocytoma',
    'Astrocytoma, grade IV',
    'astrocytoma, who grade iv',
  ])('"%s" is met without a caveat', (h) => {
    const { result } = withHistology(h);
    expect(result.status).toBe('met');
    expect(result.caveat).toBeUndefined();
  });

  it.each(['Astrocytoma, IDH-mutant, CNS WHO grade 4', 'astrocytoma, idh-mutant, cns who grade IV', 'Astrocytoma, IDH-mutated, grade 4'])(
    'the WHO 2021 name "%s" is met, with a caveat to confirm the payer reads it as grade IV astrocytoma',
    (h) => {
      const { result } = withHistology(h);
      expect(result.status).toBe('met');
      expect(result.evidence).toContain('a WHO grade IV astrocytoma in the older classification the policy uses');
      expect(result.caveat).toMatch(/unconfirmed/);
    },
  );

  it.each(['Astrocytoma, IDH-mutant, CNS WHO grade 3', 'Astrocytoma, IDH-mutant, CNS WHO grade 2', 'Anaplastic astrocytoma, WHO grade III', 'Diffuse astrocytoma, grade II', 'Oligodendroglioma, IDH-mutant, 1p/19q-codeleted, CNS WHO grade 3', 'Astrocytoma, grade 40'])(
    '"%s" is not met',
    (h) => expect(withHistology(h).result.status).toBe('not-met'),
  );

  it('the caveat becomes a warning naming the criterion (criterion-caveat); glioblastoma raises none', () => {
    const warn = (h: string) => runPreflight(withHistology(h).c, payer, { today: TODAY }).diagnostics.filter((d) => d.code === 'preflight/criterion-caveat');
    const w = warn('Astrocytoma, IDH-mutant, CNS WHO grade 4');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', path: ['clinical', 'histology'] });
    expect(w[0]!.message).toMatch(/^Met under TEST-1 on a reading to confirm: "Histologically confirmed glioblastoma\."/);
    expect(warn('Glioblastoma, IDH-wildtype, CNS WHO grade 4')).toEqual([]);
  });

  it('readHistology tells the readings apart', () => {
    expect(readHistology('Gliosarcoma')).toEqual({ kind: 'glioblastoma' });
    expect(readHistology('WHO grade IV astrocytoma')).toEqual({ kind: 'grade-4-astrocytoma', who2021: false });
    expect(readHistology('Astrocytoma, IDH-mutant, CNS WHO grade 4')).toEqual({ kind: 'grade-4-astrocytoma', who2021: true });
    expect(readHistology('Meningioma, CNS WHO grade 1')).toEqual({ kind: 'other' });
  });
});
