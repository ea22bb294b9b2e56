// Issue 10 §1/§5: each built-in TTF profile applies the criteria of the case's indication (newly diagnosed vs
// recurrent GBM) and request kind; each test names the policy and section it encodes.
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../src/preflight/check-case.js';
import { buildCase, TODAY, type RawCase } from '../support/build-case.js';

/** The gbm-initial sample (newly diagnosed, supratentorial, with temozolomide) under a payer. */
const newly = (payer: string, change?: (c: RawCase) => void) =>
  buildCase((c) => {
    c.payer = payer;
    if (payer === 'medicare-dme') ((c.coverage.lineOfBusiness = 'medicare-ffs'), (c.patient.mbi = '1EG4TE5MK73'));
    change?.(c);
  });
/** The same patient, recurrent GBM treated with TTF alone. */
const recurrent = (payer: string, change?: (c: RawCase) => void) =>
  newly(payer, (c) => {
    c.clinical.diseaseStatus = 'recurrent';
    c.attestations = { monotherapy: 'TTF alone.', 'device-only': 'TTF alone.' };
    change?.(c);
  });

const run = (raw: RawCase) => checkCase(raw, { today: TODAY });
const ids = (raw: RawCase) => run(raw).criteria.map((o) => o.criterion.id);
const errors = (raw: RawCase) => run(raw).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('Anthem CG-DME-44 (2018 text; recurrent GBM from newer versions)', () => {
  it('newly diagnosed: the 2018 criteria (surgery, chemoradiation, temozolomide, 7 weeks, KPS 70/ECOG 0-1) apply and are met', () => {
    expect(ids(newly('anthem-cg-dme-44'))).toEqual(expect.arrayContaining(['supratentorial', 'with-temozolomide', 'start-within-7-weeks', 'kps-or-ecog']));
    expect(errors(newly('anthem-cg-dme-44'))).toEqual([]);
  });
  it('recurrent: no newly-diagnosed criterion (temozolomide, 7 weeks, debulking) is applied; monotherapy is', () => {
    const r = ids(recurrent('anthem-cg-dme-44'));
    expect(r).not.toContain('with-temozolomide');
    expect(r).not.toContain('start-within-7-weeks');
    expect(r).not.toContain('surgery-then-chemoradiation');
    expect(r).toContain('monotherapy');
  });
  it('scope wording "histologically-confirmed supratentorial glioblastoma": an infratentorial tumour is not met', () => {
    const res = run(newly('anthem-cg-dme-44', (c) => (c.clinical.supratentorial = false)));
    expect(res.criteria.find((o) => o.criterion.id === 'supratentorial')?.result.status).toBe('not-met');
  });
});

describe('Centene CP.MP.145 "Electric Tumor Treating Fields (Optune)"', () => {
  it('newly diagnosed: with temozolomide, plus the exclusion for use in place of standard therapy', () => {
    expect(ids(newly('centene-cp-mp-145'))).toEqual(expect.arrayContaining(['supratentorial', 'age-22', 'kps-60', 'with-temozolomide', 'not-substitute-for-standard-therapy']));
  });
  it('recurrent: monotherapy, no temozolomide criterion', () => {
    const r = ids(recurrent('centene-cp-mp-145'));
    expect(r).toContain('monotherapy');
    expect(r).not.toContain('with-temozolomide');
  });
});

describe('Aetna CPB 0827 (Medical Necessity items 1 and 2; E/I item 2)', () => {
  it('newly diagnosed: item 2 quoted, surgery, chemoradiation and temozolomide apply and are met', () => {
    const res = run(newly('aetna-cpb-0827'));
    expect(res.criteria.find((o) => o.criterion.id === 'newly-diagnosed-adjunct')?.criterion.wording).toBe('quoted');
    expect(res.criteria.map((o) => o.criterion.id)).toEqual(expect.arrayContaining(['after-surgery', 'after-chemoradiation', 'with-temozolomide']));
    expect(errors(newly('aetna-cpb-0827'))).toEqual([]);
  });
  it('recurrent: item 1 quoted as the stored text says ("ETTF and temozolomide"); the temozolomide reading is unconfirmed, so it warns and never blocks', () => {
    const raw = recurrent('aetna-cpb-0827', (c) => (c.priorTherapies = c.priorTherapies.filter((t: { name: string }) => !/adjuvant temozolomide/i.test(t.name))));
    const res = run(raw);
    const item1 = res.criteria.find((o) => o.criterion.id === 'recurrence-after-chemotherapy');
    expect(item1?.criterion.text).toContain('Devices to generate ETTF and temozolomide');
    expect(res.criteria.map((o) => o.criterion.id)).not.toContain('after-surgery');
    expect(res.criteria.find((o) => o.criterion.id === 'recurrent-with-temozolomide')?.criterion.unconfirmed).toBeTruthy();
    expect(errors(raw)).not.toContain('preflight/criterion-not-met');
  });
  it('lists bevacizumab and lomustine among experimental combinations, marked unconfirmed for GBM', () => {
    const p = run(newly('aetna-cpb-0827')).payer;
    expect(p.experimentalCombinations[0]?.agents).toEqual(expect.arrayContaining(['bevacizumab', 'lomustine']));
    expect(p.experimentalCombinations[0]?.unconfirmed).toBeTruthy();
  });
});

describe('UnitedHealthcare Community Plan (CS146, change-log summaries)', () => {
  it('labelled Community Plan, never a placeholder policy number', () => {
    const p = run(newly('uhc-ttf')).payer;
    expect(p.displayName).toContain('Community Plan');
    expect(p.policy?.number).not.toMatch(/UHC TTF policy/);
    expect(p.policy?.revision).toBeUndefined();
  });
  it('recurrent: KPS 60 / ECOG 2 apply (KPS 60 met); newly diagnosed: no KPS 60 threshold, so KPS 60 is never met on a number', () => {
    const kps60 = (c: RawCase) => (c.clinical.performance = { kps: 60, assessedOn: '2026-08-10' });
    const rec = run(recurrent('uhc-ttf', kps60)).criteria.find((o) => o.criterion.id === 'performance-status');
    expect(rec?.result.status).toBe('met');
    const nd = run(newly('uhc-ttf', kps60)).criteria.find((o) => o.criterion.id === 'performance-status');
    expect(nd?.criterion.unconfirmed).toBeTruthy();
    expect(ids(newly('uhc-ttf'))).toContain('debulking-surgery');
    expect(ids(recurrent('uhc-ttf'))).not.toContain('debulking-surgery');
  });
});

describe('BCBSA 1.01.29 (Triple-S; Premera adoption effective 2020-10-01)', () => {
  it('newly diagnosed: adjunct to temozolomide, label use of at least 18 hours a day', () => {
    const r = ids(newly('bcbsa-1-01-29'));
    expect(r).toEqual(expect.arrayContaining(['adjunct-to-temozolomide', 'label-use-18h', 'supratentorial', 'kps-70']));
    expect(run(newly('bcbsa-1-01-29')).payer.thresholds.usageHoursMin).toBe(18);
  });
  it('recurrent: investigational, so no newly-diagnosed criterion is applied and the indication is flagged', () => {
    const res = run(recurrent('bcbsa-1-01-29'));
    expect(res.criteria.map((o) => o.criterion.id)).not.toContain('adjunct-to-temozolomide');
    expect(res.diagnostics.map((d) => d.code)).toContain('preflight/indication-not-covered');
  });
});

describe('Medicare LCD L34823 (initial criteria 1-6; recurrent GBM not covered)', () => {
  it('newly diagnosed: the six L34823 criteria apply, and no temozolomide criterion (none in the LCD)', () => {
    const r = ids(newly('medicare-dme'));
    expect(r).toEqual(expect.arrayContaining(['histologically-confirmed', 'supratentorial', 'start-within-7-weeks', 'kps-70', 'planned-use-18h']));
    expect(r).not.toContain('with-temozolomide');
  });
  it('recurrent: not covered, and none of the newly diagnosed criteria is applied', () => {
    const res = run(recurrent('medicare-dme'));
    expect(res.criteria.map((o) => o.criterion.id)).not.toContain('start-within-7-weeks');
    expect(res.diagnostics.find((d) => d.code === 'preflight/indication-not-covered')?.severity).toBe('error');
  });
});
