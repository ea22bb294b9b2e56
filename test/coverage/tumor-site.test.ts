// Issue 10 §1, the site restriction: under a policy that covers supratentorial tumors only, an explicitly
// infratentorial tumor is an error and its site criterion is never Met; a site not stated is "not shown" (warning).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPacketView } from '../../src/compose/packet-view.js';
import { evaluateCriteria } from '../../src/coverage/evaluate-criteria.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import type { PayerProfile } from '../../src/payers/payer-schema.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, ROOT, TODAY, type RawCase } from '../support/build-case.js';

const payer = loadPayer('test-ttf', [path.join(ROOT, 'test', 'fixtures', 'payers')]);

function check(raw: RawCase, profile: PayerProfile = payer) {
  const { case: c, diagnostics } = validateCase(raw, { today: TODAY });
  if (!c) throw new Error(diagnostics.map((d) => d.message).join('; '));
  const site = evaluateCriteria(c, profile, TODAY).find((o) => o.criterion.check === 'supratentorial')?.result;
  const findings = runPreflight(c, profile, { today: TODAY }).diagnostics.filter((d) => d.code === 'preflight/infratentorial-site');
  return { site, findings };
}

describe('supratentorial criterion (Anthem CG-DME-44 "histologically-confirmed supratentorial glioblastoma"; LCD L34823 criterion 1 "supratentorial GBM")', () => {
  it.each<[string, (c: RawCase) => void, RegExp]>([
    ['clinical.supratentorial: false', (c) => (c.clinical.supratentorial = false), /the case marks the tumor as not supratentorial/],
    ['a cerebellar tumorSite, although the flag says supratentorial', (c) => (c.clinical.tumorSite = 'Right cerebellar hemisphere'), /the tumor site is Right cerebellar hemisphere, an infratentorial site/],
    ['a brainstem tumorSite', (c) => ((c.clinical.tumorSite = 'Brainstem (pons)'), delete c.clinical.supratentorial), /Brainstem \(pons\), an infratentorial site/],
    ['an "infratentorial" tumorSite', (c) => ((c.clinical.tumorSite = 'Infratentorial, fourth ventricle'), delete c.clinical.supratentorial), /an infratentorial site/],
    ['C71.6 (cerebellum)', (c) => ((c.diagnoses[0].code = 'C71.6'), delete c.diagnoses[0].description, delete c.clinical.supratentorial, delete c.clinical.tumorSite), /C71\.6 is an infratentorial site \(cerebellum\)/],
  ])('an explicitly infratentorial tumor (%s) is never Met, and is an error', (_what, change, evidence) => {
    const { site, findings } = check(buildCase(change));
    expect(site?.status).toBe('not-met');
    expect(site?.evidence).toMatch(evidence);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('error');
    expect(findings[0]!.message).toMatch(/^Not met under TEST-1: "Supratentorial tumor\." Not supratentorial: /);
  });

  it('a secondary C71.6/C71.7 code does not override the stated site; it decides only when the site is stated no other way', () => {
    const secondary = (c: RawCase) => c.diagnoses.push({ code: 'C71.7' });
    expect(check(buildCase(secondary)).site?.status).toBe('met');
    expect(check(buildCase((c) => (secondary(c), delete c.clinical.supratentorial, delete c.clinical.tumorSite))).site?.status).toBe('not-met');
  });

  it('a case that says both is reported with the conflict, never read as supratentorial', () => {
    const { site, findings } = check(buildCase((c) => (c.clinical.tumorSite = 'Cerebellum')));
    expect(site?.note).toBe('The case also says supratentorial tumor (Cerebellum); correct whichever is wrong.');
    expect(findings[0]!.message).toContain('correct whichever is wrong');
  });

  it('a site not stated (C71.9, no flag, no site) is not shown: a warning, never Met', () => {
    const { site, findings } = check(buildCase((c) => ((c.diagnoses[0].code = 'C71.9'), delete c.diagnoses[0].description, delete c.clinical.supratentorial, delete c.clinical.tumorSite)));
    expect(site?.status).toBe('unknown');
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('a supratentorial site in words, a C71.0–C71.5 code or the flag is met', () => {
    expect(check(buildCase()).site).toMatchObject({ status: 'met', evidence: 'Supratentorial tumor (Left frontal lobe).' });
    expect(check(buildCase((c) => ((c.diagnoses[0].code = 'C71.9'), delete c.diagnoses[0].description, delete c.clinical.supratentorial))).site).toMatchObject({ status: 'met', evidence: 'The tumor site is Left frontal lobe, a supratentorial site.' });
    expect(check(buildCase((c) => (delete c.clinical.supratentorial, delete c.clinical.tumorSite))).site).toMatchObject({ status: 'met', evidence: 'C71.1 is a supratentorial site.' });
  });

  it('a policy without a site criterion does not raise the site: no error for an infratentorial tumor there', () => {
    const noSite: PayerProfile = { ...payer, criteria: { ...payer.criteria, initial: payer.criteria.initial.filter((c) => c.check !== 'supratentorial') } };
    expect(check(buildCase((c) => (c.clinical.supratentorial = false)), noSite).findings).toEqual([]);
  });

  it("the letter's criteria table never prints the site criterion as Met for an infratentorial tumor", () => {
    const { case: c } = validateCase(buildCase((x) => (x.clinical.tumorSite = 'Cerebellum')), { today: TODAY });
    const view = buildPacketView(c!, payer, TODAY, evaluateCriteria(c!, payer, TODAY));
    const row = view.packet.coverage!.criteria.find((r) => r.text === 'Supratentorial tumor.');
    expect(row).toMatchObject({ status: 'Not met', met: false });
  });
});
