// The PAS bundle built from a case: deterministic ids and bytes, every reference resolving inside the bundle, the
// case's values in the elements PAS puts them, and the PAS rule checker catching what a broken bundle gets wrong.
import { describe, expect, it } from 'vitest';
import type { Bundle, Claim, Coverage, DeviceRequest, MedicationRequest, Patient, ServiceRequest } from '@medplum/fhirtypes';
import { buildPasBundle } from '../../src/fhir/build-pas-bundle.js';
import { checkPasBundle } from '../../src/fhir/check-pas-bundle.js';
import { PAS_EXTENSION, SYSTEM } from '../../src/fhir/code-systems.js';
import { validateCase } from '../../src/validate/validate-case.js';
import type { Case } from '../../src/validate/case-schema.js';
import { buildCase, TODAY, type RawCase } from '../support/build-case.js';
import { r4Issues } from './r4-validator.js';

const PDF = new TextEncoder().encode('%PDF-1.7 packet');
const date = new Date('2026-08-12T00:00:00Z');

function validCase(change?: (c: RawCase) => void): Case {
  const { case: c, diagnostics } = validateCase(buildCase(change), { today: TODAY });
  if (!c) throw new Error(JSON.stringify(diagnostics));
  return c;
}
const build = (c: Case, d = date) => buildPasBundle(c, { date: d, payerName: 'Aetna', packet: PDF, attachments: c.attachments.map(() => ({ bytes: new Uint8Array([1, 2, 3]), contentType: 'application/pdf' })) });
const resources = (b: Bundle) => b.entry!.map((e) => e.resource!);
const find = <T>(b: Bundle, type: string) => resources(b).filter((r) => r.resourceType === type) as T[];

describe('buildPasBundle', () => {
  it('gives byte-identical JSON for the same case and date, and other ids for another date', () => {
    const c = validCase();
    expect(JSON.stringify(build(c))).toBe(JSON.stringify(build(validCase())));
    const later = build(c, new Date('2026-08-13T00:00:00Z'));
    expect(later.entry![0]!.fullUrl).not.toBe(build(c).entry![0]!.fullUrl);
    expect(later.identifier!.value).not.toBe(build(c).identifier!.value);
  });

  it('uses UUID ids, fullUrls that match them, and each resource once', () => {
    const b = build(validCase());
    const urls = b.entry!.map((e) => e.fullUrl);
    expect(new Set(urls).size).toBe(urls.length);
    for (const e of b.entry!) {
      expect(e.resource!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(e.fullUrl).toBe(`urn:uuid:${e.resource!.id}`);
    }
  });

  it('passes the R4 structure validator and the PAS checks', () => {
    const b = build(validCase((c) => (c.request.placeOfService = '12')));
    expect(r4Issues(b)).toEqual([]);
    expect(checkPasBundle(b)).toEqual([]);
  });

  it('puts the case values where PAS expects them', () => {
    const c = validCase((x) => {
      x.request.urgency = 'expedited';
      x.request.expeditedReason = 'Risk to life';
      x.request.placeOfService = '12';
      x.patient.mbi = '1EG4TE5MK73';
    });
    const b = build(c);
    const claim = b.entry![0]!.resource as Claim;
    expect(claim.priority!.coding![0]!.code).toBe('stat');
    expect(claim.created).toBe('2026-08-12T00:00:00.000Z');
    expect(claim.identifier![0]).toEqual({ system: SYSTEM.caseId, value: 'PA-2026-0142' });
    const item = claim.item![0]!;
    expect(item.productOrService.coding![0]).toEqual({ system: SYSTEM.hcpcs, code: 'E0766' });
    expect(item.modifier![0]!.coding![0]).toEqual({ system: SYSTEM.hcpcs, code: 'KF' });
    expect(item.servicedPeriod).toEqual({ start: '2026-08-20', end: '2026-11-19' });
    expect(item.locationCodeableConcept!.coding![0]!.code).toBe('12');
    expect(item.category!.coding![0]!.code).toBe('18');
    expect(item.extension!.find((x) => x.url === PAS_EXTENSION.certificationType)!.valueCodeableConcept!.coding![0]!.code).toBe('I');
    const device = find<DeviceRequest>(b, 'DeviceRequest')[0]!;
    expect(item.extension!.find((x) => x.url === PAS_EXTENSION.requestedService)!.valueReference!.reference).toBe(`urn:uuid:${device.id}`);
    expect(claim.diagnosis![0]!.diagnosisCodeableConcept!.coding![0]).toMatchObject({ system: SYSTEM.icd10cm, code: 'C71.1' });
    const patient = find<Patient>(b, 'Patient')[0]!;
    expect(patient).toMatchObject({ gender: 'male', birthDate: '1961-04-02', name: [{ family: 'Núñez-Łukasz', given: ['José'] }] });
    expect(patient.identifier!.find((i) => i.system === SYSTEM.mbi)!.value).toBe('1EG4TE5MK73');
    const coverage = find<Coverage>(b, 'Coverage')[0]!;
    expect(coverage).toMatchObject({ subscriberId: 'W123456789', beneficiary: { reference: `urn:uuid:${patient.id}` } });
    expect(coverage.class!.find((k) => k.type.coding![0]!.code === 'group')!.value).toBe('884410');
    expect(coverage.type!.coding!.map((x) => x.code)).toEqual(['5', 'commercial']);
  });

  it('codes the clinical picture: KPS by LOINC, therapies as Procedure (SNOMED category) or MedicationStatement, imaging as a radiology report', () => {
    const b = build(validCase());
    const kps = find<{ code: { coding: { code: string }[] }; valueInteger: number; effectiveDateTime: string }>(b, 'Observation').find((o) => o.code.coding[0]!.code === '89243-0')!;
    expect(kps).toMatchObject({ valueInteger: 80, effectiveDateTime: '2026-08-10' });
    const surgery = find<{ status: string; category: { coding: { system: string; code: string }[] }; performedPeriod: unknown; code: { text: string } }>(b, 'Procedure').find((p) => p.code.text.startsWith('Gross total resection'))!;
    expect(surgery.status).toBe('completed');
    expect(surgery.category.coding[0]).toMatchObject({ system: 'http://snomed.info/sct', code: '387713003' });
    expect(surgery.performedPeriod).toEqual({ start: '2026-05-04', end: '2026-05-04' });
    const report = find<{ category: { coding: { code: string }[] }[]; conclusion: string; effectiveDateTime: string }>(b, 'DiagnosticReport')[0]!;
    expect(report.category[0]!.coding[0]!.code).toBe('RAD');
    expect(report.effectiveDateTime).toBe('2026-08-07');
    const stopped = build(validCase((c) => {
      c.priorTherapies = [{ name: 'Methotrexate 15 mg weekly', category: 'medication', start: '2025-01-01', end: '2025-06-01', outcome: 'No response', stoppedBecause: 'inadequate-response', dose: '15 mg', frequency: 'weekly' }];
    }));
    const med = find<{ status: string; statusReason: { coding: { code: string }[] }[]; dosage: { text: string }[] }>(stopped, 'MedicationStatement')[0]!;
    expect(med.status).toBe('stopped');
    expect(med.statusReason[0]!.coding[0]!.code).toBe('266721009');
    expect(med.dosage[0]!.text).toBe('15 mg, weekly');
    // A dose that is one amount and unit is also coded; one that is not ("5 mg/kg (400 mg)") stays text only.
    expect((med.dosage[0] as { doseAndRate?: unknown }).doseAndRate).toEqual([{ doseQuantity: { value: 15, unit: 'mg' } }]);
    const perKg = build(validCase((c) => (c.priorTherapies = [{ name: 'Infliximab', category: 'infusion', start: '2025-01-01', outcome: 'Partial response', stoppedBecause: 'ongoing', dose: '5 mg/kg (400 mg)' }])));
    const inf = find<{ status: string; dosage: { text: string; doseAndRate?: unknown }[] }>(perKg, 'MedicationStatement')[0]!;
    expect(inf.status).toBe('active');
    expect(inf.dosage[0]).toEqual({ text: '5 mg/kg (400 mg)' });
    expect(r4Issues(stopped)).toEqual([]);
  });

  it('marks a continuation as a renewal, and maps a CPT item to a ServiceRequest and a drug to a MedicationRequest', () => {
    const c = validCase((x) => {
      x.request.kind = 'continuation';
      x.items = [
        { cpt: '70553', description: 'MRI brain with and without contrast', quantity: 1 },
        { ndc: '0002-7510-01', hcpcs: 'J1234', description: 'A drug', dose: '25 mg', frequency: 'once weekly', route: 'subcutaneous', daysSupply: 28, quantity: 4 },
      ];
    });
    const b = build(c);
    const claim = b.entry![0]!.resource as Claim;
    expect(claim.item!.map((i) => i.extension!.find((x) => x.url === PAS_EXTENSION.certificationType)!.valueCodeableConcept!.coding![0]!.code)).toEqual(['R', 'R']);
    expect(find<ServiceRequest>(b, 'ServiceRequest')[0]!.code!.coding![0]).toEqual({ system: SYSTEM.cpt, code: '70553' });
    const med = find<MedicationRequest>(b, 'MedicationRequest')[0]!;
    expect(med.medicationCodeableConcept!.coding!.map((x) => x.code)).toEqual(['J1234', '0002-7510-01']);
    expect(med.dosageInstruction![0]!.text).toBe('25 mg, once weekly, subcutaneous');
    expect(med.dispenseRequest!.quantity!.value).toBe(4);
    expect(r4Issues(b)).toEqual([]);
    expect(checkPasBundle(b).filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('checkPasBundle', () => {
  const good = () => build(validCase((c) => (c.request.placeOfService = '12')));
  const codes = (b: Bundle) => checkPasBundle(b).map((d) => d.code);

  it('finds a reference to a resource that is not in the bundle, naming the element', () => {
    const b = good();
    const i = b.entry!.findIndex((e) => e.resource!.resourceType === 'Coverage');
    b.entry!.splice(i, 1);
    const found = checkPasBundle(b).filter((d) => d.code === 'fhir/pas-unresolved-reference');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.message).toContain('insurance[0].coverage');
  });

  it('finds a Claim that is not first, a resource given twice, an entry nothing refers to, and transaction parts', () => {
    const b = good();
    b.entry!.reverse();
    expect(codes(b)).toContain('fhir/pas-claim-first');
    const d = good();
    d.entry!.push(structuredClone(d.entry![1]!));
    expect(codes(d)).toContain('fhir/pas-entry-duplicate');
    const u = good();
    u.entry!.push({ fullUrl: 'urn:uuid:00000000-0000-5000-8000-000000000000', resource: { resourceType: 'Patient', id: '00000000-0000-5000-8000-000000000000' } });
    expect(codes(u)).toEqual(['fhir/pas-unreferenced-entry']);
    const t = good();
    t.entry![1]!.request = { method: 'POST', url: 'Patient' };
    expect(codes(t)).toEqual(['fhir/pas-entry-transaction']);
  });

  it('finds a wrong use, status or bundle type, a missing item extension, and a document given by URL', () => {
    const b = good();
    const claim = b.entry![0]!.resource as Claim;
    (claim as { use: string }).use = 'claim';
    (claim as { status: string }).status = 'draft';
    (b as { type: string }).type = 'transaction';
    claim.item![0]!.extension = claim.item![0]!.extension!.filter((x) => x.url !== PAS_EXTENSION.certificationType);
    const doc = b.entry!.find((e) => e.resource!.resourceType === 'DocumentReference')!.resource as { content: { attachment: { url?: string; data?: string } }[] };
    doc.content[0]!.attachment = { url: 'https://example.org/packet.pdf' };
    expect(codes(b).sort()).toEqual(['fhir/pas-bundle-type', 'fhir/pas-claim-status', 'fhir/pas-claim-use', 'fhir/pas-document-inline', 'fhir/pas-document-inline', 'fhir/pas-item-certification-type'].sort());
  });
});

describe('the R4 structure validator used above', () => {
  it('is real: it rejects an unknown element and a missing required one, naming the path', () => {
    const b = build(validCase());
    (b.entry![1]!.resource as unknown as Record<string, unknown>).nickname = 'x';
    delete (b.entry![0]!.resource as Partial<Claim>).patient;
    const issues = r4Issues(b);
    expect(issues.some((i) => i.includes('Bundle.entry[1].resource.nickname'))).toBe(true);
    expect(issues.some((i) => i.includes('patient'))).toBe(true);
  });
});
