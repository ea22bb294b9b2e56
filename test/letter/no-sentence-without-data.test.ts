// Every sentence the templates generate follows from a field the case gives: rendered from each sample and from
// minimal and complete cases (each optional part left out in turn, then all at once), a sentence appears exactly when
// its data is there. An absent field means "not stated", never "none" or "normal"; nothing is derived from sex.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generatePacket, type GenerateOptions } from '../../src/generate-packet.js';
import { loadCase } from '../../src/load/load-case.js';
import { ROOT, TODAY, type RawCase } from '../support/build-case.js';
import { extractText } from '../support/extract-text.js';
import { makeTempDir } from '../support/temp.js';
import { readdirSync } from 'node:fs';

/** The packet's text without the page furniture (2 header lines, 3 footer lines), whitespace squashed. */
async function render(raw: RawCase, options: GenerateOptions = {}): Promise<string> {
  const result = await generatePacket(raw, { date: TODAY, attachments: 'list', baseDir: ROOT, ...options });
  const { pages } = await extractText(result.bytes);
  return pages.map((p) => p.split('\n').slice(2, -3).join('\n')).join('\n').replace(/\s+/g, ' ');
}

// An appeal's letters are those of the request it appeals (`denial.requestKind`).
const isContinuation = (c: RawCase) => c.request.kind === 'continuation' || (c.request.kind === 'appeal' && c.denial?.requestKind === 'continuation');
const reports = (c: RawCase): { averageHoursPerDay: number; percentUsage: number; from: string; to: string }[] => c.followUp?.usageReports ?? [];
/** E0766's labelled use (codes.json): 18 hours a day, 75 %. The scenarios' payers set no usage threshold of their own. */
const meetsLabelledUse = (c: RawCase) => reports(c).length > 0 && reports(c).every((r) => r.averageHoursPerDay >= 18 && r.percentUsage >= 75);
const usageMatters = (c: RawCase) => c.items.some((i: { hcpcs?: string }) => i.hcpcs === 'E0766');
const readiness = (c: RawCase) => c.deviceReadiness ?? {};
const enclosesUsageReport = (c: RawCase) => (c.attachments ?? []).some((a: { kind: string }) => a.kind === 'usage-report');

/** A generated sentence (or label) and the data it follows from. */
interface Fact {
  name: string;
  pattern: RegExp;
  given: (c: RawCase) => boolean;
}

const FACTS: Fact[] = [
  { name: 'someone trained with the patient', pattern: /The patient and .{1,120}? completed device training/, given: (c) => !!readiness(c).trainedOn && !!readiness(c).trainedWith },
  { name: 'device training', pattern: /completed device training on \d\d\/\d\d\/\d{4}\./, given: (c) => !!readiness(c).trainedOn },
  { name: 'wear commitment', pattern: /must be worn at least 18 hours a day and is willing/, given: (c) => readiness(c).willingToWear18h === true },
  { name: 'head shaving', pattern: /scalp must be shaved regularly/, given: (c) => readiness(c).headShavingAcknowledged === true },
  { name: 'screening found none', pattern: /No contraindications were found on screening on \d\d\/\d\d\/\d{4}\./, given: (c) => !!readiness(c).screenedOn && !readiness(c).contraindications?.length },
  { name: 'contraindications noted', pattern: /Contraindications noted/, given: (c) => !!readiness(c).contraindications?.length },
  { name: 'no prior treatment', pattern: /The patient has had no prior treatment for this condition\./, given: (c) => c.noPriorTherapy === true },
  { name: 'prior-therapies section', pattern: /Prior therapies (Prior treatment, oldest first|The patient has received|The patient has had no prior)/, given: (c) => (c.priorTherapies?.length ?? 0) > 0 || c.noPriorTherapy === true },
  { name: 'enclosed records', pattern: /supporting records are listed under Enclosures/, given: (c) => !isContinuation(c) && (c.attachments?.length ?? 0) > 0 },
  { name: 'informed consent', pattern: /Informed consent was obtained/, given: (c) => c.consent?.obtained === true },
  { name: 'to be used with', pattern: /To be used with:/, given: (c) => !!c.necessity.adjunctTo },
  { name: 'expected outcomes', pattern: /Expected outcomes:/, given: (c) => !!c.necessity.expectedOutcomes },
  { name: 'alternatives considered', pattern: /Alternatives considered:/, given: (c) => !!c.necessity.alternativesConsidered },
  { name: 'no progression', pattern: /\d{4}: no progression\./, given: (c) => c.clinical?.latestImaging?.progression === false },
  { name: 'progression', pattern: /\d{4}: progression\./, given: (c) => c.clinical?.latestImaging?.progression === true },
  { name: 'measurements', pattern: /Finding Result Date/, given: (c) => (c.clinical?.measurements?.length ?? 0) > 0 },
  { name: 'date of diagnosis', pattern: /\), diagnosed on \d\d\/\d\d\/\d{4}\./, given: (c) => !!c.clinical?.diagnosedOn },
  { name: 'age', pattern: /is a \d+-year-old patient with/, given: (c) => !!c.patient.dateOfBirth },
  // The case's sex is administrative: whatever it says, the letter never calls the patient a woman or a man.
  { name: 'never: woman or man from sex', pattern: /is a \d+-year-old (woman|man) with/, given: () => false },
  { name: 'supplier', pattern: /Supplier \S/, given: (c) => !!c.supplier },
  { name: 'servicing facility', pattern: /Servicing facility \S/, given: (c) => !!c.facility },
  { name: 'place of service', pattern: /Place of service \d\d/, given: (c) => c.request.placeOfService !== undefined },
  { name: 'MBI (Medicare fee-for-service)', pattern: /Medicare ID \(MBI\)/, given: (c) => c.coverage.lineOfBusiness === 'medicare-ffs' && !!c.patient.mbi },
  { name: 'group number', pattern: /· Group \S/, given: (c) => !!c.patient.groupNumber },
  { name: 'dosing', pattern: /Dosing: /, given: (c) => c.items.some((i: RawCase) => i.dose || i.route || i.frequency || i.daysSupply) },
  { name: 'benefit', pattern: /under the (medical|pharmacy) benefit/, given: (c) => c.items.some((i: RawCase) => i.benefit) },
  { name: 'uses it as prescribed and is benefiting', pattern: /uses it as prescribed and is benefiting from it/, given: (c) => isContinuation(c) && meetsLabelledUse(c) && !!c.followUp?.benefit },
  { name: 'usage figures', pattern: /usage reports show an average of \d+\.\d hours a day/i, given: (c) => isContinuation(c) && reports(c).length > 0 },
  { name: 'no usage report', pattern: /No device usage report is included/, given: (c) => isContinuation(c) && usageMatters(c) && reports(c).length === 0 && !enclosesUsageReport(c) },
  { name: 'usage report enclosed', pattern: /The device usage report is enclosed\./, given: (c) => isContinuation(c) && reports(c).length === 0 && enclosesUsageReport(c) },
  { name: "the clinician's benefit", pattern: /Benefit: \S/, given: (c) => isContinuation(c) && !!c.followUp?.benefit },
  { name: 'plan section', pattern: /Plan and follow-up/, given: (c) => !!c.followUp?.plan || c.consent?.obtained === true || ['trainedOn', 'willingToWear18h', 'headShavingAcknowledged', 'screenedOn'].some((k) => readiness(c)[k]) || !!readiness(c).contraindications?.length },
  // Wording that stated what no field said; it must never come back.
  { name: 'never: caregiver from sex', pattern: /and caregiver completed/, given: () => false },
  { name: 'never: records "document each"', pattern: /enclosed records document each of them/, given: () => false },
  { name: 'never: continuation claims without data', pattern: /continues to meet the criteria for this therapy|as documented below and in the enclosed records/, given: () => false },
  { name: 'never: criteria "as published"', pattern: /criteria as published/, given: () => false },
  { name: 'never: "none" or "not on file" for an absent field', pattern: /Group none|not on file/, given: () => false },
  { name: 'never: a start date and a number of months as dates of service', pattern: /Dates of service \d\d\/\d\d\/\d{4}, \d+ months?|for \d+ (further )?months? beginning/, given: () => false },
];

function expectFacts(text: string, c: RawCase, label: string): void {
  const wrong = FACTS.filter((f) => f.pattern.test(text) !== f.given(c)).map((f) => `${f.name}: ${f.given(c) ? 'missing' : `printed without its data: "${f.pattern.exec(text)?.[0]}"`}`);
  expect(wrong, label).toEqual([]);
}

/** Only what the format requires: every optional part absent at once. */
const minimal = (): RawCase => ({
  version: 1,
  caseId: 'NSWD-1',
  payer: 'generic-commercial',
  request: { kind: 'initial', requestedStart: '2026-12-01', requestedMonths: 3 },
  patient: { firstName: 'Ines', lastName: 'Varga', dateOfBirth: '1970-05-04', sex: 'female', memberId: 'M100200300' },
  coverage: { lineOfBusiness: 'commercial' },
  prescriber: { name: 'Ada Whitfield', credentials: 'MD', npi: '1234567893', phone: '+1 555 010 0200' },
  diagnoses: [{ code: 'C71.1' }],
  items: [{ hcpcs: 'E0766', description: 'Tumor treating fields delivery system' }],
  necessity: { summary: 'Requested for newly diagnosed glioblastoma.', rationale: 'The treating team recommends it.' },
  signature: { signer: 'Ada Whitfield, MD', date: '2026-11-20', method: 'electronic' },
});

/** Every optional part given, so each generated sentence has its data. */
const complete = (): RawCase => {
  const c = minimal();
  Object.assign(c.request, { placeOfService: '12' });
  Object.assign(c.patient, { groupNumber: '884410' });
  Object.assign(c.coverage, { payerName: 'Northwind Health Plan', payerFax: '+1 555 010 0950', planName: 'Northwind Select' });
  c.supplier = { name: 'Example Oncology Devices LLC', npi: '1558598797', ptan: 'A1234567' };
  c.facility = { name: 'Bayview Infusion Center', npi: '1550219376' };
  c.clinical = {
    diagnosedOn: '2026-05-08',
    histology: 'Glioblastoma, IDH-wildtype',
    latestImaging: { date: '2026-11-01', modality: 'MRI brain', progression: false },
    measurements: [{ name: 'Body mass index', value: 24.1, unit: 'kg/m²', date: '2026-11-01' }],
  };
  c.items[0].modifiers = ['KF'];
  c.priorTherapies = [{ name: 'Temozolomide', category: 'chemotherapy', dose: '150 mg/m²', frequency: 'days 1–5 every 28 days', start: '2026-06-01', end: '2026-08-23', outcome: 'Completed.', stoppedBecause: 'completed' }];
  Object.assign(c.necessity, { adjunctTo: 'Adjuvant temozolomide', expectedOutcomes: 'Longer survival.', alternativesConsidered: 'Temozolomide alone.' });
  c.deviceReadiness = { trainedOn: '2026-11-12', trainedWith: 'her daughter', willingToWear18h: true, headShavingAcknowledged: true, screenedOn: '2026-11-12', contraindications: [] };
  c.consent = { obtained: true, date: '2026-11-12' };
  c.followUp = { plan: 'MRI every 8 weeks.' };
  c.attachments = [{ file: 'attachments/clinic-note-2026-08-10.pdf', kind: 'clinic-note', title: 'Clinic note' }];
  return c;
};

/** Parts of the complete case, each left out in turn. */
const OPTIONAL_PARTS: (string | number)[][] = [
  ['deviceReadiness', 'trainedWith'], ['deviceReadiness', 'trainedOn'], ['deviceReadiness', 'willingToWear18h'], ['deviceReadiness', 'headShavingAcknowledged'],
  ['deviceReadiness', 'screenedOn'], ['deviceReadiness'], ['consent'], ['attachments'], ['necessity', 'adjunctTo'], ['necessity', 'expectedOutcomes'],
  ['necessity', 'alternativesConsidered'], ['clinical', 'latestImaging', 'progression'], ['clinical', 'measurements'], ['clinical', 'diagnosedOn'], ['clinical'],
  ['supplier'], ['facility'], ['request', 'placeOfService'], ['patient', 'groupNumber'], ['priorTherapies'], ['followUp'],
];
const without = (c: RawCase, p: (string | number)[]): RawCase => {
  const parent = p.slice(0, -1).reduce((o, k) => o[k], c);
  delete parent[p.at(-1)!];
  return c;
};

describe('no sentence without data: the samples', () => {
  const samples = readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.yaml')).sort();
  it.each(samples)('%s', async (file) => {
    const { raw, source, baseDir } = loadCase(path.join(ROOT, 'samples', file));
    expectFacts(await render(raw as RawCase, { source, baseDir }), raw as RawCase, file);
  });
});

describe('no sentence without data: optional parts absent', () => {
  it('a complete case prints every sentence whose data it gives', async () => {
    const c = complete();
    const missingData = FACTS.filter((f) => !f.name.startsWith('never') && !f.given(c)).map((f) => f.name);
    // The complete case leaves out only what is exclusive to other kinds of request (checked in the scenarios below).
    expect(missingData).toEqual(['contraindications noted', 'no prior treatment', 'progression', 'MBI (Medicare fee-for-service)', 'dosing', 'benefit', 'uses it as prescribed and is benefiting', 'usage figures', 'no usage report', 'usage report enclosed', "the clinician's benefit"]);
    expectFacts(await render(c), c, 'complete');
  });

  it('a minimal case (every optional part absent at once) prints none of them', async () => {
    const c = minimal();
    const text = await render(c);
    expectFacts(text, c, 'minimal');
    // The cover says "not stated" for an absent fax, phone or group; it never says "none". The payer's fax is the
    // one a coordinator must fill in before sending, so the cover names its field.
    // (The field name wraps under the label column's neighbour, so the extracted text interleaves the two columns.)
    expect(text).toMatch(/Fax not stated: fill in Fax not stated coverage\.payerFax Phone not stated/);
    expect(text).not.toMatch(/\bnone\b/i);
    expect(text).toMatch(/Group not stated/);
  });

  it.each(OPTIONAL_PARTS.map((p) => [p.join('.'), p] as const))('without %s', async (_name, p) => {
    const c = without(complete(), p);
    expectFacts(await render(c), c, p.join('.'));
  });
});

describe('no sentence without data: scenarios', () => {
  const cases: Record<string, () => RawCase> = {
    'sex other': () => Object.assign(minimal(), { patient: { ...minimal().patient, sex: 'other' } }),
    'sex unknown': () => Object.assign(minimal(), { patient: { ...minimal().patient, sex: 'unknown' } }),
    'sex male, trained alone: no caregiver, and "patient", never "man"': () => Object.assign(minimal(), { patient: { ...minimal().patient, sex: 'male' }, deviceReadiness: { trainedOn: '2026-11-12' } }),
    'no prior therapy, stated': () => Object.assign(minimal(), { priorTherapies: [], noPriorTherapy: true }),
    'contraindications found on screening': () => Object.assign(minimal(), { deviceReadiness: { screenedOn: '2026-11-12', contraindications: ['implanted pacemaker'] } }),
    'an empty contraindication list without a screening date': () => Object.assign(minimal(), { deviceReadiness: { contraindications: [] } }),
    'imaging read as progression': () => Object.assign(minimal(), { clinical: { latestImaging: { date: '2026-11-01', modality: 'MRI brain', progression: true } } }),
    'Medicare fee-for-service with an MBI': () => Object.assign(minimal(), { coverage: { lineOfBusiness: 'medicare-ffs' }, patient: { ...minimal().patient, mbi: '1EG4TE5MK73' } }),
    'an MBI on a commercial case is not printed': () => Object.assign(minimal(), { patient: { ...minimal().patient, mbi: '1EG4TE5MK73' } }),
  };
  const continuation = (change: (c: RawCase) => void) => () => {
    const c = minimal();
    c.request.kind = 'continuation';
    c.followUp = {};
    change(c);
    return c;
  };
  const report = (hours: number) => ({ from: '2026-08-20', to: '2026-11-17', averageHoursPerDay: hours, percentUsage: Math.round((hours / 24) * 1000) / 10 });
  Object.assign(cases, {
    'continuation: usage above the labelled use, with the benefit': continuation((c) => (c.followUp = { usageReports: [report(20)], benefit: 'Stable disease.' })),
    'continuation: usage above the labelled use, no benefit recorded': continuation((c) => (c.followUp = { usageReports: [report(20)] })),
    'continuation: usage below the labelled use, with the benefit': continuation((c) => (c.followUp = { usageReports: [report(12)], benefit: 'Stable disease.' })),
    'continuation: no usage report given or enclosed': continuation(() => {}),
    'continuation: the usage report enclosed, its figures not given': continuation((c) => (c.attachments = [{ file: 'attachments/usage-report-2026-08-20-to-2026-11-17.pdf', kind: 'usage-report', title: 'Usage report' }])),
    'continuation of a procedure: usage is not at issue': continuation((c) => (c.items = [{ cpt: '72148', description: 'MRI lumbar spine' }])),
  });

  it.each(Object.keys(cases))('%s', async (name) => {
    const c = cases[name]!();
    const text = await render(c);
    expectFacts(text, c, name);
    if (name.startsWith('sex male')) expect(text).toContain('The patient completed device training on 11/12/2026.');
    if (name.includes('usage below')) expect(text).toMatch(/Device usage reports show an average of 12\.0 hours a day \(50\.0 %\) from 08\/20\/2026 to 11\/17\/2026; the labelled use of the device is at least 18 hours a day \(75 % of the time\)\./);
    if (name.includes('above the labelled use, with')) expect(text).toMatch(/The patient uses it as prescribed and is benefiting from it: usage reports show an average of 20\.0 hours a day \(83\.3 %\)/);
    if (name.includes('MBI on a commercial')) expect(text).not.toContain('1EG4TE5MK73');
    if (name.startsWith('Medicare')) expect(text).toMatch(/MBI 1EG4TE5MK73/);
  });
});

describe('the page header', () => {
  const headers = async (raw: RawCase) => {
    const result = await generatePacket(raw, { date: TODAY, attachments: 'list', baseDir: ROOT });
    return (await extractText(result.bytes)).pages.map((p) => p.split('\n').slice(0, 2).join(' '));
  };
  it('carries the MBI on every page of a Medicare fee-for-service packet, and only there', async () => {
    const mbi = '1EG4TE5MK73';
    const medicare = await headers(Object.assign(minimal(), { coverage: { lineOfBusiness: 'medicare-ffs' }, patient: { ...minimal().patient, mbi } }));
    expect(medicare.length).toBeGreaterThan(1);
    for (const h of medicare) expect(h).toMatch(/Member ID M100200300 +· +MBI 1EG4TE5MK73 +· +Payer/);
    const commercial = await headers(Object.assign(minimal(), { patient: { ...minimal().patient, mbi } }));
    for (const h of commercial) expect(h).not.toContain(mbi);
  });
});

describe("the payer's own form", () => {
  it('fills an absent group number as "not stated", never "none"', async () => {
    const text = await render(minimal(), { payer: 'example-health-plan', force: true });
    expect(text).toMatch(/Group number:? not stated/);
    expect(text).not.toMatch(/Group number:? none/);
  });
});

describe('data that reads as false is still data, and order is stated only when true', () => {
  it('prints a performance score of 0 (ECOG 0 is the best score, not a missing one)', async () => {
    const text = await render(Object.assign(minimal(), { clinical: { performance: { ecog: 0, assessedOn: '2026-11-10' } } }));
    expect(text).toContain('Performance status ECOG 0, assessed 11/10/2026');
  });

  it('says "oldest first" and dates the summary from the earliest therapy only as the list is', async () => {
    const therapy = (name: string, start: string) => ({ name, category: 'medication', start, end: start, outcome: 'Done.', stoppedBecause: 'completed' });
    const sorted = await render(Object.assign(minimal(), { priorTherapies: [therapy('Alpha', '2026-01-01'), therapy('Beta', '2026-02-01')] }));
    expect(sorted).toContain('Prior treatment, oldest first (details');
    expect(sorted).toContain('2 treatments, oldest first.');
    const unsorted = await render(Object.assign(minimal(), { priorTherapies: [therapy('Beta', '2026-02-01'), therapy('Alpha', '2026-01-01')] }));
    expect(unsorted).toContain('Prior treatment (details');
    expect(unsorted).not.toContain('oldest first');
    const many = await render(Object.assign(minimal(), { priorTherapies: Array.from({ length: 9 }, (_, i) => therapy(`T${i}`, `2026-0${9 - i}-01`)) }));
    expect(many).toContain('The patient has received 9 prior treatments since 01/01/2026.');
  });
});

describe('what the letter calls the request, from the code system and the code table', () => {
  const noun = async (items: RawCase[]) => /(This|These) (\S+(?: study)?) (is|are) medically necessary/.exec(await render(Object.assign(minimal(), { items })))?.[2];
  it('a therapy is a treatment; imaging is a study; an unknown CPT a service; a drug a medication; several items are items', async () => {
    expect(await noun([{ hcpcs: 'E0766', description: 'TTF' }])).toBe('treatment');
    expect(await noun([{ cpt: '72148', description: 'MRI lumbar spine' }])).toBe('imaging study');
    expect(await noun([{ cpt: '99999', description: 'A procedure' }])).toBe('service');
    expect(await noun([{ ndc: '0002-7510-01', description: 'A drug' }])).toBe('medication');
    expect(await noun([{ ndc: '0999-0421-01', hcpcs: 'J3590', description: 'A biologic' }])).toBe('medication');
    expect(await noun([{ hcpcs: 'E0601', description: 'CPAP' }, { hcpcs: 'E0562', description: 'Humidifier' }])).toBe('items');
  });

  it('prints a 10-digit NDC in its 11-digit billing form and as written, with the J-code, dosing and benefit', async () => {
    const text = await render(Object.assign(minimal(), { items: [{ ndc: '0999-0421-01', hcpcs: 'J3590', description: 'Examplimab vial', dose: '400 mg', route: 'intravenous', frequency: 'every 8 weeks', daysSupply: 56, benefit: 'medical' }] }));
    expect(text).toContain('HCPCS J3590 · NDC 00999-0421-01 (package: 0999-0421-01)');
    expect(text).toContain('Dosing: 400 mg intravenous every 8 weeks, 56-day supply, under the medical benefit.');
  });

  it('prints the dates of service as a range, with the months only when the case gives them', async () => {
    const byEnd = await render(Object.assign(minimal(), { request: { kind: 'initial', requestedStart: '2026-12-01', requestedEnd: '2027-01-29' } }));
    expect(byEnd).toContain('for dates of service 12/01/2026 – 01/29/2027. ');
    expect(byEnd).toContain('Dates of service 12/01/2026 – 01/29/2027 Case');
    const byMonths = await render(minimal());
    expect(byMonths).toContain('for dates of service 12/01/2026 – 02/28/2027 (3 months).');
  });
});

describe('the criteria citation agrees with the letter date', () => {
  const dir = makeTempDir('cite');
  const profile = (id: string, policy: Record<string, unknown>, wording: ('quoted' | 'summary')[]) => {
    mkdirSync(path.join(dir, id), { recursive: true });
    writeFileSync(
      path.join(dir, id, 'profile.yaml'),
      stringify({
        id, version: '2026-11-26', displayName: 'Cite Plan',
        policy: { number: 'CITE-1', title: 'Test policy', url: 'https://example.org/cite-1', ...policy },
        appliesTo: ['E0766'],
        indications: [{ id: 'gbm', label: 'Glioblastoma', icd10: ['C71'], coverage: 'covered' }],
        criteria: {
          initial: wording.map((w, i) => ({ id: `c${i}`, text: `Criterion ${i + 1} of the policy.`, wording: w, check: 'covered-indication' })),
          continuation: [{ id: 'use', text: 'Average use of 18 hours a day.', wording: 'summary', check: 'usage-threshold' }],
        },
        thresholds: { usageHoursMin: 18 },
      }),
    );
    return id;
  };
  const citation = (text: string) => /The criteria below are .*? Each is followed/.exec(text)?.[0] ?? '';
  const cite = async (id: string, change?: (c: RawCase) => void) => {
    const c = minimal();
    change?.(c);
    return render(c, { payerDirs: [dir], payer: id, force: true });
  };

  it('quoted criteria from a confirmed revision before the letter: "quoted from …, version of <revision>"', async () => {
    const text = await cite(profile('quoted', { revision: '2026-01-01', lastChecked: '2026-11-26' }, ['quoted', 'quoted']));
    expect(text).toContain('The criteria below are quoted from Cite Plan policy CITE-1, Test policy , version of 01/01/2026.');
    expect(citation(text)).not.toContain('11/26/2026');
  });

  it('a revision dated after the letter is not cited; some quoted, some summarised says which is which', async () => {
    const text = await cite(profile('later', { revision: '2026-12-01', lastChecked: '2026-12-01' }, ['quoted', 'summary']));
    expect(text).toContain('The criteria below are taken from Cite Plan policy CITE-1, Test policy . Those in quotation marks are the policy\'s words; the others are summaries.');
    expect(citation(text)).not.toContain('12/01/2026');
  });

  it('an unconfirmed revision is never printed; a check date is cited only when it is not after the letter', async () => {
    const before = await cite(profile('checked', { revision: '2020-01-01', lastChecked: '2026-10-01', unconfirmed: 'Revision date not confirmed.' }, ['summary']));
    expect(before).toContain('The criteria below are summarised from Cite Plan policy CITE-1, Test policy , as checked on 10/01/2026.');
    expect(before).not.toContain('01/01/2020');
    const after = await cite(profile('unchecked', { revision: '2020-01-01', lastChecked: '2026-11-26', unconfirmed: 'Revision date not confirmed.' }, ['summary']));
    expect(after).toContain('The criteria below are summarised from Cite Plan policy CITE-1, Test policy . Each');
  });

  it('a continuation says the patient meets the criteria only when every cited criterion is met, and uses the policy threshold', async () => {
    const id = profile('renewal', { revision: '2026-01-01', lastChecked: '2026-11-26' }, ['summary']);
    const usage = (hours: number) => (c: RawCase) => {
      c.request.kind = 'continuation';
      c.followUp = { usageReports: [{ from: '2026-08-20', to: '2026-11-17', averageHoursPerDay: hours, percentUsage: Math.round((hours / 24) * 1000) / 10 }], benefit: 'Stable.' };
    };
    const met = await cite(id, usage(20));
    expect(met).toContain("As set out below, the patient meets each of the policy's criteria for continued coverage.");
    expect(met).toContain("uses it as prescribed and is benefiting from it: usage reports show an average of 20.0 hours a day (83.3 %) from 08/20/2026 to 11/17/2026; the policy's threshold is at least 18 hours a day.");
    const notMet = await cite(id, usage(12));
    expect(notMet).not.toContain('meets each of the policy');
    expect(notMet).not.toContain('as prescribed');
  });
});
