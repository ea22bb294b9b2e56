// Every preflight rule: a case that trips it and the clean case that does not (table-driven), under a test profile.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { RULES } from '../../src/preflight/all-rules.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { buildCase, ROOT, TODAY, type RawCase } from '../support/build-case.js';

const PAYERS = path.join(ROOT, 'test', 'fixtures', 'payers');
const payer = loadPayer('test-ttf', [PAYERS]);

/** The gbm-initial sample made clean under the test profile (a Medicare-style policy with every criterion). */
function initial(change?: (c: RawCase) => void): RawCase {
  return buildCase((c) => {
    c.payer = 'test-ttf';
    c.coverage.lineOfBusiness = 'medicare-ffs';
    c.patient.mbi = '1EG4TE5MK73';
    c.items[0].modifiers = ['KF', 'KX'];
    c.orders = { writtenOrderDate: '2026-08-12', faceToFaceDate: '2026-08-10', deliveryDate: '2026-08-19' };
    clean(c);
    change?.(c);
  });
}

function continuation(change?: (c: RawCase) => void): RawCase {
  const raw = parse(readFileSync(path.join(ROOT, 'samples', 'gbm-continuation.yaml'), 'utf8')) as RawCase;
  raw.payer = 'test-ttf';
  raw.coverage.lineOfBusiness = 'medicare-ffs';
  raw.patient.mbi = '1EG4TE5MK73';
  raw.items[0].modifiers = ['KF', 'KX'];
  clean(raw);
  change?.(raw);
  return raw;
}

/** The samples start before TODAY and name no payer fax (the test profile has none): say both, as a clean case would. */
function clean(c: RawCase): void {
  c.coverage.payerFax = '+1 555 010 0900';
  c.request.retroactive = true;
  c.request.retroactiveReason = 'Treatment started on the planned day; the request went out after it.';
}

function findings(raw: RawCase, pages?: number) {
  const { case: c, diagnostics } = validateCase(raw, { today: TODAY });
  if (!c) throw new Error(`fixture invalid: ${diagnostics.map((d) => d.message).join('; ')}`);
  return runPreflight(c, payer, { today: TODAY, ...(pages !== undefined ? { pages } : {}) }).diagnostics;
}
const ids = (raw: RawCase, pages?: number) => findings(raw, pages).filter((d) => d.severity !== 'info').map((d) => d.code.replace('preflight/', ''));

type Row = [rule: string, description: string, trip: () => RawCase, pages?: number];

const ROWS: Row[] = [
  ['hcpcs-wrong-code', 'E0711 on a glioblastoma case', () => initial((c) => (c.items[0].hcpcs = 'E0711'))],
  ['hcpcs-unknown', 'a code the table does not know', () => initial((c) => (c.items.push({ hcpcs: 'E1399', description: 'Miscellaneous DME' })))],
  ['line-of-business-mismatch', 'a commercial case against a Medicare fee-for-service profile', () => initial((c) => (c.coverage.lineOfBusiness = 'commercial'))],
  ['item-outside-profile-scope', 'a CPAP item under the TTF test profile (issue 10 §5, profile scope)', () => initial((c) => c.items.push({ hcpcs: 'E0601', description: 'CPAP device' }))],
  ['accessories-unbundled', 'A4555 billed beside E0766', () => initial((c) => c.items.push({ hcpcs: 'A4555', description: 'Transducer arrays', modifiers: [] }))],
  ['modifier-rules', 'KF missing', () => initial((c) => (c.items[0].modifiers = ['KX']))],
  ['modifier-rules', 'both KX and GA', () => initial((c) => (c.items[0].modifiers = ['KF', 'KX', 'GA']))],
  ['modifier-rules', 'GA without an ABN', () => initial((c) => (c.items[0].modifiers = ['KF', 'GA']))],
  ['modifiers-differ', 'GZ although every criterion is met', () => initial((c) => (c.items[0].modifiers = ['KF', 'GZ']))],
  ['icd10-not-billable', 'a bare category code', () => initial((c) => (c.diagnoses[0].code = 'C71'))],
  ['diagnosis-description-mismatch', 'C71.1 described as cerebellum', () => initial((c) => (c.diagnoses[0].description = 'Malignant neoplasm of cerebellum'))],
  ['indication-not-covered', 'recurrent glioblastoma', () => initial((c) => (c.clinical.diseaseStatus = 'recurrent'))],
  ['experimental-combination', 'bevacizumab listed as ongoing', () => initial((c) => c.priorTherapies.push({ name: 'Bevacizumab 10 mg/kg every 2 weeks', category: 'chemotherapy', start: '2026-08-10', outcome: 'Started for edema.', stoppedBecause: 'ongoing' }))],
  ['infratentorial-site', 'brain stem tumor', () => initial((c) => ((c.diagnoses[0].code = 'C71.7'), delete c.diagnoses[0].description, delete c.clinical.supratentorial))],
  ['infratentorial-site', 'a cerebellar site', () => initial((c) => (c.clinical.tumorSite = 'Right cerebellar hemisphere'))],
  ['performance-below-threshold', 'KPS 60', () => initial((c) => (c.clinical.performance.kps = 60))],
  ['chemoradiation-window', 'start 10 weeks after chemoradiation', () => initial((c) => (c.request.requestedStart = '2026-09-18'))],
  ['age-below-minimum', 'a 20-year-old', () => initial((c) => (c.patient.dateOfBirth = '2006-01-01'))],
  ['wear-commitment-missing', 'not willing to wear the device', () => initial((c) => (c.deviceReadiness.willingToWear18h = false))],
  ['continuation-usage', 'usage under 18 hours a day', () => continuation((c) => c.followUp.usageReports.forEach((r: RawCase) => ((r.averageHoursPerDay = 15), (r.percentUsage = 62.5))))],
  ['continuation-imaging', 'progression on the latest MRI', () => continuation((c) => (c.clinical.latestImaging.progression = true))],
  ['reevaluation-window', 're-evaluation on day 40', () => continuation((c) => (c.followUp.reevaluation.date = '2026-09-28'))],
  ['prior-therapy-incomplete', 'a completed therapy without an end date', () => initial((c) => delete c.priorTherapies[1].end)],
  ['identity-consistency', 'Medicare without an MBI', () => initial((c) => delete c.patient.mbi)],
  ['signature-stamped', 'a stamped signature', () => initial((c) => (c.signature.method = 'stamp'))],
  ['documents-missing', 'no pathology report enclosed', () => initial((c) => (c.attachments = c.attachments.filter((a: RawCase) => a.kind !== 'pathology')))],
  ['payment-category-mismatch', 'purchase of a rental-only item', () => initial((c) => (c.items[0].acquisition = 'purchase'))],
  ['authorization-limit', '6 months on an initial request (limit 3)', () => initial((c) => (c.request.requestedMonths = 6))],
  ['criterion-not-met', 'contraindication found', () => initial((c) => (c.deviceReadiness.contraindications = ['implanted-electronic-device']))],
  ['criterion-not-shown', 'histology not stated', () => initial((c) => delete c.clinical.histology)],
  ['criterion-caveat', 'a WHO 2021 grade 4 astrocytoma', () => initial((c) => (c.clinical.histology = 'Astrocytoma, IDH-mutant, CNS WHO grade 4'))],
  ['fax-page-budget', 'a 240-page packet', () => initial(), 240],
  ['payer-fax-missing', 'no payer fax in the case or the profile', () => initial((c) => delete c.coverage.payerFax)],
  ['retroactive-request', 'a start before the packet date, not marked retroactive', () => initial((c) => (delete c.request.retroactive, delete c.request.retroactiveReason))],
  ['retroactive-request', 'marked retroactive, with a start after the packet date', () => continuation((c) => (c.request.requestedStart = '2026-12-01'))],
  ['appeal-unknown-criterion', 'a denial reason naming a criterion the profile lacks', () => initial((c) => appeal(c, [{ text: 'Not documented.', criteria: ['no-such-criterion'] }]))],
  ['appeal-denial-letter-missing', 'an appeal without the denial letter', () => initial((c) => (appeal(c), (c.attachments = c.attachments.filter((a: RawCase) => a.kind !== 'denial-letter'))))],
  ['appeal-reason-unanswered', 'an appeal reason with no criteria, response or evidence', () =>
    initial((c) => {
      appeal(c, [{ text: 'Not medically necessary.' }]);
    })],
];

/** Makes a case a clean Medicare redetermination appeal (denial letter enclosed), with these reasons. */
function appeal(c: RawCase, reasons: RawCase[] = [{ text: 'Not documented.', response: 'The enclosed clinic note documents it.' }]): void {
  c.request.kind = 'appeal';
  c.denial = { date: '2026-11-20', reference: 'DN-1', level: 'medicare-redetermination', reasons };
  c.attachments.push({ file: 'attachments/denial-letter.pdf', kind: 'denial-letter', title: 'Denial letter' });
}

describe('preflight rules', () => {
  it('the clean fixtures pass every rule', () => {
    expect(ids(initial())).toEqual([]);
    expect(ids(continuation())).toEqual([]);
    expect(ids(initial(), 12)).toEqual([]);
  });

  it.each(ROWS)('%s trips on %s', (rule, _description, trip, pages) => {
    expect(ids(trip(), pages)).toContain(rule);
  });

  it('has a tripping case for every rule but the informational ones (appeal-deadline: test/appeal)', () => {
    const tested = new Set(ROWS.map((r) => r[0]));
    expect(RULES.map((r) => r.id).filter((id) => !tested.has(id))).toEqual(['decision-timeframe', 'appeal-deadline']);
    expect(ids(initial(appeal))).toEqual([]);
  });

  it('reports the decision clock for the line of business', () => {
    const info = findings(initial((c) => ((c.coverage.lineOfBusiness = 'medicare-advantage'), (c.request.urgency = 'expedited'), (c.request.expeditedReason = 'Rapid progression.')))).find((d) => d.code === 'preflight/decision-timeframe');
    expect(info?.message).toContain('72 hours');
  });

  it('payer-fax-missing names the field to fill, and is silent when the profile has a fax or the payer takes no faxes', () => {
    const d = findings(initial((c) => delete c.coverage.payerFax)).find((x) => x.code === 'preflight/payer-fax-missing')!;
    expect(d).toMatchObject({ severity: 'warning', path: ['coverage', 'payerFax'] });
    expect(d.message).toContain('`coverage.payerFax`');
    const { case: c } = validateCase(initial((x) => delete x.coverage.payerFax), { today: TODAY });
    const codes = (p: typeof payer) => runPreflight(c!, p, { today: TODAY }).diagnostics.map((x) => x.code);
    expect(codes({ ...payer, fax: '+1 555 010 0901' })).not.toContain('preflight/payer-fax-missing');
    expect(codes({ ...payer, submission: { ...payer.submission, channel: 'portal' } })).not.toContain('preflight/payer-fax-missing');
    expect(codes({ ...payer, submission: { ...payer.submission, channel: 'fax' } })).toContain('preflight/payer-fax-missing');
  });

  it('retroactive-request: a warning when the case does not say so, a note when it does', () => {
    const undeclared = findings(initial((c) => (delete c.request.retroactive, delete c.request.retroactiveReason))).find((x) => x.code === 'preflight/retroactive-request')!;
    expect(undeclared).toMatchObject({ severity: 'warning', path: ['request', 'requestedStart'] });
    expect(undeclared.message).toBe('The requested start (2026-08-20) is before the packet date (2026-11-26), so this asks for retroactive coverage, but the case does not mark the request retroactive.');
    expect(undeclared.hint).toContain('`request.retroactive: true`');
    const declared = findings(initial()).find((x) => x.code === 'preflight/retroactive-request')!;
    expect(declared.severity).toBe('info');
    // A start on or after the packet date, not marked: nothing to say.
    expect(findings(initial((c) => ((c.request.requestedStart = TODAY), delete c.request.retroactive, delete c.request.retroactiveReason))).map((x) => x.code)).not.toContain('preflight/retroactive-request');
  });

  it('prior-therapy-incomplete: an empty history is a warning unless the case states there was none', () => {
    const codesOf = (raw: RawCase) => findings(raw).map((x) => x.code);
    expect(codesOf(initial((c) => (c.priorTherapies = [])))).toContain('preflight/prior-therapy-incomplete');
    expect(codesOf(initial((c) => ((c.priorTherapies = []), (c.noPriorTherapy = true))))).not.toContain('preflight/prior-therapy-incomplete');
  });

  it('continuation-usage: without a usage criterion, asks for usage data only when a device is requested', () => {
    const generic = loadPayer('generic-commercial', []);
    const warned = (change: (c: RawCase) => void) => {
      const raw = continuation((c) => ((c.payer = 'generic-commercial'), (c.followUp.usageReports = []), change(c)));
      const { case: c } = validateCase(raw, { today: TODAY });
      if (!c) throw new Error('fixture invalid');
      return runPreflight(c, generic, { today: TODAY }).diagnostics.some((d) => d.code === 'preflight/continuation-usage');
    };
    expect(warned(() => {})).toBe(true);
    const drug = { hcpcs: 'J9035', ndc: '50242-0060-01', description: 'Bevacizumab 10 mg', quantity: 40 };
    expect(warned((c) => (c.items = [drug]))).toBe(false);
    expect(warned((c) => (c.items = [{ cpt: '72148', description: 'MRI lumbar spine without contrast', quantity: 1 }]))).toBe(false);
  });

  it('names E0766 and the reason when E0711 is used for glioblastoma', () => {
    const d = findings(initial((c) => (c.items[0].hcpcs = 'E0711'))).find((x) => x.code === 'preflight/hcpcs-wrong-code')!;
    expect(d.severity).toBe('error');
    expect(d.message).toMatch(/E0711 .*upper-extremity tubing enclosure.*E0766/);
    expect(d.path).toEqual(['items', 0, 'hcpcs']);
  });

  // Issue 10 §2: an experimental/investigational (E/I) exclusion is a denial like "not covered" (Aetna CPB 0827 and
  // BCBSA 1.01.29 list their E/I uses as excluded), so both are errors; an unconfirmed position only warns.
  it('grades an investigational indication and an excluded one as errors, an unconfirmed one as a warning that says so', () => {
    const mpm = findings(initial((c) => ((c.diagnoses = [{ code: 'C45.0', description: 'Mesothelioma of pleura' }]), delete c.clinical.diseaseStatus)));
    const ei = mpm.find((d) => d.code === 'preflight/indication-not-covered')!;
    expect(ei.severity).toBe('error');
    expect(ei.message).toBe('Pleural mesothelioma is considered experimental or investigational under TEST-1 (Test policy for tumor treating fields).');
    const recurrent = findings(initial((c) => (c.clinical.diseaseStatus = 'recurrent')));
    expect(recurrent.find((d) => d.code === 'preflight/indication-not-covered')?.severity).toBe('error');
    const lung = findings(initial((c) => ((c.diagnoses = [{ code: 'C34.11' }]), delete c.clinical.diseaseStatus)));
    const unconfirmed = lung.find((d) => d.code === 'preflight/indication-not-covered')!;
    expect(unconfirmed.severity).toBe('warning');
    expect(unconfirmed.message).toMatch(/^The profile lists Non-small cell lung cancer as considered experimental or investigational under TEST-1 .*, but that is unconfirmed: Test: whether/);
  });

  // Issue 10: where a source cannot be confirmed, the tool never acts on it as settled (it may warn).
  it('a criterion the profile marks unconfirmed is never an error: not met warns, not shown is a note, and both say so', () => {
    const marker = { name: 'Test marker', value: 5, date: '2026-08-10' };
    const late = findings(initial((c) => (c.clinical.measurements = [marker]))).find((d) => d.code === 'preflight/criterion-not-met')!;
    expect(late.severity).toBe('warning');
    expect(late.message).toMatch(/The profile marks this criterion unconfirmed: test\.$/);
    const missing = findings(initial()).find((d) => d.code === 'preflight/criterion-not-shown')!;
    expect(missing.severity).toBe('info');
  });

  it('suggests KF + KX when every criterion is met, GA with an ABN and GZ without one otherwise', () => {
    const suggest = (raw: RawCase) => {
      const { case: c } = validateCase(raw, { today: TODAY });
      return runPreflight(c!, payer, { today: TODAY }).modifiers[0]?.suggested;
    };
    expect(suggest(initial())).toEqual(['KF', 'KX']);
    expect(suggest(initial((c) => (c.clinical.performance.kps = 50)))).toEqual(['KF', 'GZ']);
    expect(suggest(initial((c) => ((c.clinical.performance.kps = 50), (c.orders.abn = { onFile: true, date: '2026-08-12' }))))).toEqual(['KF', 'GA']);
  });

  it('lets a payer profile switch a rule off or change its severity', () => {
    const trip = initial((c) => (c.patient.dateOfBirth = '2006-01-01'));
    const { case: c } = validateCase(trip, { today: TODAY });
    const off = runPreflight(c!, { ...payer, rules: { 'age-below-minimum': 'off' } }, { today: TODAY }).diagnostics;
    expect(off.map((d) => d.code)).not.toContain('preflight/age-below-minimum');
    const raised = runPreflight(c!, { ...payer, rules: { 'age-below-minimum': 'error' } }, { today: TODAY }).diagnostics;
    expect(raised.find((d) => d.code === 'preflight/age-below-minimum')?.severity).toBe('error');
  });
});
