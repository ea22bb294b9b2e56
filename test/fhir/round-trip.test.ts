// Round trip, issue 11 §4: a case exported as a PAS request bundle and imported back keeps every field FHIR carries,
// and exporting the imported case gives the same bytes again (property test over generated cases, and every sample).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { servicePeriod } from '../../src/compose/request-view.js';
import { MEDICINES } from '../../src/fhir/case-to-clinical.js';
import { buildPasBundle, type PasExportInput } from '../../src/fhir/build-pas-bundle.js';
import { importFhir } from '../../src/fhir/import-fhir.js';
import { readAttachmentData } from '../../src/fhir/read-attachment-data.js';
import { parseFhirText } from '../../src/fhir/read-fhir.js';
import type { Case } from '../../src/validate/case-schema.js';
import { validateCase } from '../../src/validate/validate-case.js';
import { SAMPLES_DIR, samplePath, TODAY, type RawCase } from '../support/build-case.js';
import { caseFrom, changes } from '../support/case-generator.js';

const DATE = new Date('2026-08-12T00:00:00Z');
/** The insurer name when the case gives none (export takes the payer profile's name). */
const PROFILE_NAME = 'The profile payer';
const SAMPLES = ['gbm-initial', 'gbm-continuation', 'cpap-initial', 'cpap-continuation', 'biologic-step-therapy', 'lumbar-mri', 'long-history', 'attachments-demo'];

/**
 * Case fields the PAS bundle carries and the importer reads back (README "FHIR export" table and "Mapping"), each
 * as a projection of the case compared before and after the round trip.
 */
const CARRIED: Record<string, (c: Case) => unknown> = {
  caseId: (c) => c.caseId,
  payer: (c) => c.payer,
  'request.kind, urgency, placeOfService': (c) => [c.request.kind, c.request.urgency, c.request.placeOfService],
  'request.requestedStart and the end (requestedEnd, or requestedMonths as the end it gives)': (c) => [servicePeriod(c.request).start, servicePeriod(c.request).end],
  patient: (c) => c.patient,
  'coverage (payerName: the profile name when the case gives none)': (c) => ({ ...c.coverage, payerName: c.coverage.payerName ?? PROFILE_NAME, subscriber: c.coverage.subscriber && { ...c.coverage.subscriber, name: c.coverage.subscriber.relationship === 'self' ? undefined : c.coverage.subscriber.name } }),
  'prescriber (all but contactName)': (c) => ({ ...c.prescriber, contactName: undefined }),
  'supplier (when a DeviceRequest names it)': (c) => (c.items.some(isDevice) ? c.supplier : undefined),
  'facility (when a ServiceRequest or MedicationRequest names it)': (c) => (c.items.some((i) => !isDevice(i)) ? c.facility : undefined),
  diagnoses: (c) => c.diagnoses,
  // A text value's unit travels in the same valueString ("148/94 mmHg"); a number's in valueQuantity.unit.
  'clinical.diagnosedOn, tumorSite, performance, measurements': (c) => [c.clinical?.diagnosedOn, neoplasm(c) ? c.clinical?.tumorSite : undefined, c.clinical?.performance, (c.clinical?.measurements ?? []).map((m) => (typeof m.value === 'string' && m.unit ? { ...m, value: `${m.value} ${m.unit}`, unit: undefined } : m))],
  'clinical.latestImaging (date, modality, summary)': (c) => c.clinical?.latestImaging && { ...c.clinical.latestImaging, progression: undefined },
  'items (all but brand)': (c) => c.items.map((i) => ({ ...i, brand: undefined })),
  'priorTherapies (a procedure\'s dose and frequency aside)': (c) => c.priorTherapies.map((t) => (MEDICINES.has(t.category) ? t : { ...t, dose: undefined, frequency: undefined })),
  'orders.writtenOrderDate': (c) => c.orders?.writtenOrderDate,
  'attachments (kind, title, date; the bytes travel inline, so the file name is the importer\'s)': (c) => c.attachments.map((a) => ({ ...a, file: undefined })),
};

/**
 * Case fields FHIR does not carry, with the reason (README "Not exported as coded FHIR" and "Not mapped"). The round
 * trip takes them from the original case, as a coordinator gives them with `fhir import --with`.
 */
const NOT_CARRIED: [string, string][] = [
  ['necessity, attestations, signature', "the clinician's narrative and signature: FHIR has no element for them; the payer reads them in the packet PDF"],
  ['deviceReadiness, consent, followUp', 'the clinician\'s own statements, not coded'],
  ['noPriorTherapy, extra', 'a statement about an empty list; your own template data'],
  ['request.expeditedReason, retroactive, retroactiveReason', 'no PAS element'],
  ['request.requestedMonths', 'exported as the end date it gives (compared as that date above)'],
  ['orders.faceToFaceDate, deliveryDate, abn', 'no request element authpack writes'],
  ['clinical.histology, supratentorial, diseaseStatus, latestImaging.progression', 'clinical judgements no code could carry without guessing'],
  ['prescriber.contactName', 'the office contact the payer may call; no PAS element authpack writes'],
  ['priorTherapies[].dose, frequency of a procedure (surgery, physical therapy...)', 'exported as a Procedure, which has no dosage element (a medication keeps them)'],
  ['coverage.subscriber.name when the relationship is self', 'Coverage.subscriber is then the Patient itself, so the name is the patient\'s'],
  ['supplier without a device item, facility with only device items', "then only in Claim.careTeam, which gives no role telling a supplier from a facility"],
  ['clinical.tumorSite when the main diagnosis is no neoplasm (C00–D49)', 'a tumour site is exported (as the Condition body site) and read only for a neoplasm'],
  ['clinical.measurements[].unit of a text value', 'written after the value in the one valueString (compared joined above)'],
  ['items[].brand', 'the code and description identify the item'],
  ['attachments[].file', 'the bytes travel inline; the importer names the file it writes'],
];

/** Items exported as a DeviceRequest (whose performer is the supplier): an HCPCS code that is no J-code, and no NDC. */
function isDevice(item: Case['items'][number]): boolean {
  return item.hcpcs !== undefined && !item.hcpcs.startsWith('J') && item.ndc === undefined;
}

/** Whether the diagnosis carrying the onset and site (the primary, else the first) is a neoplasm, C00–D49. */
function neoplasm(c: Case): boolean {
  const main = c.diagnoses.find((d) => d.primary) ?? c.diagnoses[0];
  return /^(C|D[0-4])/.test(main?.code ?? '');
}

function input(c: Case, attachments: PasExportInput['attachments']): PasExportInput {
  return { date: DATE, payerName: c.coverage.payerName ?? PROFILE_NAME, packet: new Uint8Array([37, 80, 68, 70, 45, 49]), attachments };
}

/** The imported draft with the NOT_CARRIED fields given from the original case. */
function withNotCarried(draft: RawCase, c: Case): RawCase {
  const d = structuredClone(draft);
  for (const k of ['necessity', 'attestations', 'signature', 'deviceReadiness', 'consent', 'followUp', 'noPriorTherapy', 'extra'] as const) {
    if (c[k] !== undefined) d[k] = c[k];
    else delete d[k];
  }
  for (const k of ['expeditedReason', 'retroactive', 'retroactiveReason', 'requestedMonths'] as const) {
    if (c.request[k] !== undefined) d.request[k] = c.request[k];
    else delete d.request[k];
  }
  if (c.request.requestedEnd === undefined && c.request.requestedMonths !== undefined) delete d.request.requestedEnd;
  if (c.orders) d.orders = { ...c.orders, ...(d.orders ?? {}) };
  if (c.clinical) {
    for (const k of ['histology', 'supratentorial', 'diseaseStatus'] as const) if (c.clinical[k] !== undefined) (d.clinical ??= {})[k] = c.clinical[k];
    if (c.clinical.latestImaging?.progression !== undefined && d.clinical?.latestImaging) d.clinical.latestImaging.progression = c.clinical.latestImaging.progression;
  }
  c.items.forEach((item, i) => {
    if (item.brand !== undefined && d.items?.[i]) d.items[i].brand = item.brand;
  });
  return d;
}

/** Export → import → export; returns both cases and both bundles' JSON. */
function roundTrip(c: Case, attachments: PasExportInput['attachments']) {
  const first = `${JSON.stringify(buildPasBundle(c, input(c, attachments)), null, 2)}\n`;
  const imported = importFhir(parseFhirText(first, 'pas-bundle.json'), { bundleDir: '/nowhere', caseDir: '/nowhere', inlineDir: 'case-attachments' });
  const { case: back, diagnostics } = validateCase(withNotCarried(imported.draft, c), { today: TODAY });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  // The attachments travel inline: the second export sends the bytes the import wrote, in the order it wrote them.
  const bytes = new Map(imported.inline.map((f) => [f.file, f.bytes]));
  const again = back!.attachments.map((a, i) => ({ bytes: bytes.get(a.file)!, contentType: attachments[i]!.contentType }));
  const second = `${JSON.stringify(buildPasBundle(back!, input(back!, again)), null, 2)}\n`;
  return { back: back!, first, second, imported };
}

function expectCarried(c: Case, back: Case): void {
  for (const [field, of] of Object.entries(CARRIED)) expect(JSON.parse(JSON.stringify(of(back)) ?? 'null'), field).toEqual(JSON.parse(JSON.stringify(of(c)) ?? 'null'));
}

describe('round trip: export → import → export', () => {
  it('lists each field FHIR does not carry with its reason', () => {
    for (const [field, reason] of NOT_CARRIED) expect(reason.length, field).toBeGreaterThan(10);
    expect(Object.keys(CARRIED).length).toBeGreaterThan(10);
  });

  it.each(SAMPLES)('keeps every field FHIR carries of sample %s, and exports the same bytes again', (name) => {
    const { case: c } = validateCase(parse(readFileSync(samplePath(`${name}.yaml`), 'utf8')), { today: TODAY });
    const attachments = readAttachmentData(c!, SAMPLES_DIR, false);
    const { back, first, second, imported } = roundTrip(c!, attachments);
    expectCarried(c!, back);
    expect(second).toBe(first);
    // The packet's own DocumentReference is not taken as a clinical attachment.
    expect(imported.draft.attachments).toHaveLength(c!.attachments.length);
    expect(imported.report.ignored.some((i) => /packet authpack rendered/.test(i.reason))).toBe(true);
  });

  it('property: any valid generated case keeps every field FHIR carries, and the second export is byte-identical', () => {
    let checked = 0;
    fc.assert(
      fc.property(changes, (ch) => {
        const { case: c } = validateCase(caseFrom(ch), { today: TODAY });
        fc.pre(c !== undefined); // a few combinations are invalid cases
        const { back, first, second } = roundTrip(c!, c!.attachments.map((_, i) => ({ bytes: new Uint8Array([i + 1, 2, 3]), contentType: 'application/pdf' })));
        expectCarried(c!, back);
        expect(second).toBe(first);
        checked++;
      }),
      { numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(30);
  });
});
