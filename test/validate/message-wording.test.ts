// Messages are sentences a coordinator reads: this renders the messages of many broken cases (validation, cross-field
// rules, preflight, loading, attachments) and checks that the phrasings found wrong once are gone and that each
// message is a whole sentence.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAttachments } from '../../src/assemble/load-attachments.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { PacketError } from '../../src/diagnostics/errors.js';
import { parseCaseText } from '../../src/load/load-case.js';
import { loadPayer } from '../../src/payers/load-payer.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { caseData } from '../hostile/make-input.js';
import { ROOT, TODAY, type RawCase } from '../support/build-case.js';
import { makeTempDir } from '../support/temp.js';

type Change = (c: RawCase) => void;

/** Broken cases, one problem or a few each, covering every kind of validation message. */
const BROKEN: Record<string, Change> = {
  'no diagnoses': (c) => delete c.diagnoses,
  'an empty list of diagnoses': (c) => (c.diagnoses = []),
  '13 diagnoses': (c) => (c.diagnoses = Array.from({ length: 13 }, (_, i) => ({ code: `C71.${i % 10}` }))),
  'no items': (c) => delete c.items,
  'an empty list of items': (c) => (c.items = []),
  'prior therapies as text': (c) => (c.priorTherapies = 'none'),
  'no credentials': (c) => delete c.prescriber.credentials,
  'requested months 0 and as text': (c) => ((c.request.requestedMonths = 0), (c.request.kind = 'initail')),
  'months as text': (c) => (c.request.requestedMonths = '3'),
  'five modifiers': (c) => (c.items[0].modifiers = ['KF', 'KX', 'NU', 'RR', 'GA']),
  'a bad modifier': (c) => (c.items[0].modifiers = ['KFX']),
  'two codes on an item': (c) => (c.items[0].cpt = '70553'),
  'a performance without a score': (c) => (c.clinical.performance = { assessedOn: '2026-08-01' }),
  'ECOG 7': (c) => (c.clinical.performance = { ecog: 7 }),
  'sex M and a subscriber cousin': (c) => ((c.patient.sex = 'M'), (c.coverage.subscriber = { name: 'X Y', relationship: 'cousin' })),
  'version 2': (c) => (c.version = 2),
  'an e-mail without @': (c) => (c.prescriber.email = 'ada.example.org'),
  'a therapy ending before it starts': (c) => (c.priorTherapies[1].end = '2000-01-01'),
  'dates after the packet date': (c) => ((c.signature.date = '2027-01-01'), (c.clinical.diagnosedOn = '2027-01-01'), (c.deviceReadiness.trainedOn = '2027-01-01'), (c.consent = { obtained: true, date: '2027-01-01' })),
  'dates before birth': (c) => ((c.clinical.diagnosedOn = '1950-01-01'), (c.signature.date = '1950-01-02'), (c.request.requestedStart = '1950-01-03')),
  'usage figures that disagree': (c) => (c.followUp = { usageReports: [{ from: '2026-09-01', to: '2026-09-30', averageHoursPerDay: 25, percentUsage: 50 }] }),
  'two primary diagnoses': (c) => (c.diagnoses = [{ code: 'C71.1', primary: true }, { code: 'C71.2', primary: true }]),
  'unknown fields': (c) => ((c.patient.nickname = 'x'), (c.notes = 'x')),
  'a list as a group and a group as a list': (c) => ((c.items = { hcpcs: 'E0766' }), (c.patient = [c.patient])),
  'an empty entry in a list': (c) => (c.necessity.references = [null]),
  'a long and an empty name': (c) => ((c.prescriber.name = 'A'.repeat(130)), (c.supplier = { name: ' ' })),
  'a bad address': (c) => (c.prescriber.address = { line1: 'x', city: 'y', state: 'me', postalCode: '0410' }),
  'bad codes': (c) => ((c.items = [{ hcpcs: 'E766', description: 'x' }, { ndc: '1234', description: 'y' }, { cpt: '7055', description: 'z' }]), (c.diagnoses[0].code = 'C7')),
  'a bad NPI, case ID and payer id': (c) => ((c.prescriber.npi = '1234567890'), (c.caseId = 'PA 1'), (c.payer = 'Generic')),
  'true/false as text': (c) => ((c.consent = { obtained: 'yes' }), (c.followUp = { reevaluation: { date: '2026-09-01', inPerson: 'yes' } })),
  'a bad attachment kind, no title': (c) => (c.attachments = [{ file: 'a.pdf', kind: 'xray' }]),
  'expedited and retroactive without reasons': (c) => ((c.request.urgency = 'expedited'), (c.request.retroactive = true)),
  'numbers in text fields (JSON)': (c) => ((c.items[0].hcpcs = 766), (c.patient.memberId = 123)),
};

/** Cases that validate but trip preflight rules under the test profile and the generic one. */
const RISKY: Record<string, Change> = {
  'E0711 for a cancer': (c) => (c.items[0].hcpcs = 'E0711'),
  'no prior therapy, no usage on a continuation': (c) => ((c.priorTherapies = []), (c.request.kind = 'continuation')),
  'a completed therapy without an end': (c) => delete c.priorTherapies[1].end,
  'Medicare without an MBI, signed by someone else': (c) => ((c.coverage.lineOfBusiness = 'medicare-ffs'), (c.signature.signer = 'Someone Else, MD')),
  'a past start not marked retroactive, and no payer fax': (c) => delete c.coverage.payerFax,
  'KPS 50, recurrent, a bare category': (c) => ((c.clinical.performance.kps = 50), (c.clinical.diseaseStatus = 'recurrent'), (c.diagnoses[0].code = 'C71')),
  'a mislabeled code, an unknown code': (c) => ((c.diagnoses[0].description = 'Malignant neoplasm of cerebellum'), c.items.push({ hcpcs: 'E1399', description: 'Miscellaneous' })),
};

const all: Diagnostic[] = [];
for (const change of Object.values(BROKEN)) all.push(...validateCase(caseData(change), { today: TODAY, payerDirs: [] }).diagnostics);
const profiles = [loadPayer('test-ttf', [path.join(ROOT, 'test', 'fixtures', 'payers')]), loadPayer('generic-commercial')];
for (const change of Object.values(RISKY)) {
  const { case: c, diagnostics } = validateCase(caseData(change), { today: TODAY });
  if (!c) throw new Error(`fixture invalid: ${diagnostics.map((d) => d.message).join('; ')}`);
  for (const payer of profiles) all.push(...runPreflight(c, payer, { today: TODAY, pages: 240 }).diagnostics, ...runPreflight(c, payer, { today: TODAY }).diagnostics);
}
for (const text of ['a: [1', 'a: 1\na: 2\n', '- 1\n', '']) {
  try {
    parseCaseText(text, 'case.yaml');
  } catch (err) {
    if (err instanceof PacketError) all.push(...err.diagnostics);
  }
}

describe('message wording', () => {
  it('covers a broad set of messages', () => {
    expect(new Set(all.map((d) => d.code)).size).toBeGreaterThan(30);
  });

  it.each([
    ['"The date of the … date"', /\bThe date of the \w+ date\b/],
    ['a plural subject with "is"', /\bThe (diagnoses|requested items|prior therapies|modifiers|requested months|prescriber's credentials) is\b/],
    ['"a HCPCS"', /\ba HCPCS\b/],
    ['a field repeated as its own rule ("must be a payer profile id", "must be an ICD-10-CM code")', /The (payer profile id|ICD-10-CM code|CPT code|NDC|HCPCS code) must be an? \1/i],
    ['a list index as a field name ("`0` …", "Add `0` here")', /`\d+`/],
    ['a number shown with its type name ("number 5", "boolean true")', /\bis (number|boolean) /],
    ['zod\'s own words', /Invalid input|Too (small|big)|expected (string|number)/],
    ['"after today" (the packet date may be set with --date)', /after today/],
    ['a message without a subject ("A Medicare case without …")', /^An? [^.]* without [^.]*\.$/],
    ['a doubled word', /\b(\w+) \1\b/i],
  ])('no message has %s', (_name, bad) => {
    const hits = all.flatMap((d) => [d.message, d.hint ?? '']).filter((m) => bad.test(m));
    expect(hits).toEqual([]);
  });

  it('every message is a sentence: it starts with a capital, a digit or a quoted name, and ends with a full stop', () => {
    const bad = all.map((d) => d.message).filter((m) => !/^([A-Z0-9`"…]|--)/.test(m) || !/[.)]$/.test(m));
    expect(bad).toEqual([]);
  });

  it('the fixed phrasings read as intended', () => {
    const messages = all.map((d) => d.message);
    expect(messages).toContain('The list of diagnoses is missing.');
    expect(messages).toContain("The prescriber's credentials are missing.");
    expect(messages).toContain('The list of requested items is empty; a request needs at least one requested item.');
    expect(messages).toContain('The diagnosis date (2027-01-01) is after the packet date (2026-11-26), but it records something that has already happened.');
    expect(messages).toContain('The signature date (1950-01-02) is before the patient\'s date of birth.');
    expect(messages).toContain('Entry 1 of the list of modifiers must be a 2-character modifier such as KF; got "KFX".');
    expect(messages).toContain('The number of months requested must be at least 1; it is the number 0.');
    expect(messages).toContain("The patient's sex is not one of the allowed values.");
    expect(messages).toContain('This Medicare fee-for-service case has no Medicare Beneficiary Identifier (MBI).');
  });
});

describe('attachment messages', () => {
  it('name the attachment as the subject of one sentence', async () => {
    const dir = makeTempDir('wording');
    mkdirSync(path.join(dir, 'att'));
    copyFileSync(path.join(ROOT, 'test', 'fixtures', 'attachments', 'damaged.pdf'), path.join(dir, 'att', 'damaged.pdf'));
    const { case: c } = validateCase(caseData((x) => (x.attachments = ['att/damaged.pdf', 'att/lost.pdf'].map((file) => ({ file, kind: 'other', title: 'T' })))), { today: TODAY });
    const messages = await loadAttachments(c!, [0, 1], { baseDir: dir }).then(
      () => [],
      (err: PacketError) => err.diagnostics.map((d) => d.message),
    );
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^Attachment 1 \(att\/damaged\.pdf\) is damaged beyond repair/);
    expect(messages[1]).toMatch(/^Attachment 2 \(att\/lost\.pdf\) does not exist \(looked for .*\)\.$/);
    for (const m of messages) expect(m).not.toMatch(/\): (is|has|the file)/);
  });
});
