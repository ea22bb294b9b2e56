// The mapping of single resources: drugs (NDC, dosage, RxNorm-only refused), line of business, inline Binary
// attachments, remote URLs, urgency, and every unmapped resource reported as ignored.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/fhir/run-import.js';
import { makeTempDir } from '../support/temp.js';

const dir = makeTempDir('fhir-mapping');
let n = 0;
function importBundle(...resources: object[]) {
  const f = path.join(dir, `bundle-${n++}.json`);
  writeFileSync(f, JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource, i) => ({ fullUrl: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`, resource })) }));
  const result = runImport(f, { output: path.join(dir, 'case.yaml') });
  return { ...result, data: result.data as Record<string, any> };
}
const patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Quill', given: ['Marguerite', 'Anne'] }], gender: 'female', birthDate: '1958-03-14', identifier: [{ system: 'http://hl7.org/fhir/sid/us-mbi', value: '1EG4TE5MK73' }] };
const NDC = 'http://hl7.org/fhir/sid/ndc';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

describe('fhir import: mapping', () => {
  it('maps a MedicationRequest to an NDC item with quantity, days supply, dose, frequency and route', () => {
    const { data, report } = importBundle(patient, {
      resourceType: 'MedicationRequest', id: 'm1', status: 'active', intent: 'order', priority: 'urgent', subject: { reference: 'Patient/p1' },
      medicationCodeableConcept: { coding: [{ system: NDC, code: '0002-7510-01', display: 'Dupilumab 300 mg/2 mL pen' }, { system: RXNORM, code: '1876376' }] },
      dosageInstruction: [{ route: { text: 'subcutaneous' }, doseAndRate: [{ doseQuantity: { value: 300, unit: 'mg' } }], timing: { repeat: { frequency: 1, period: 2, periodUnit: 'wk' } } }],
      dispenseRequest: { quantity: { value: 2 }, expectedSupplyDuration: { value: 28, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' }, validityPeriod: { start: '2026-12-01', end: '2027-05-31' } },
    });
    expect(data.items).toEqual([{ ndc: '0002-7510-01', description: 'Dupilumab 300 mg/2 mL pen', quantity: 2, daysSupply: 28, dose: '300 mg', frequency: 'once every 2 weeks', route: 'subcutaneous' }]);
    expect(data.request).toMatchObject({ requestedStart: '2026-12-01', requestedEnd: '2027-05-31', urgency: 'expedited', expeditedReason: null });
    expect(report.gaps.map((g) => g.field)).toContain('request.expeditedReason');
    expect(data.patient).toMatchObject({ firstName: 'Marguerite', middleName: 'Anne', mbi: '1EG4TE5MK73' });
  });

  it('reports an RxNorm-only drug request instead of guessing its NDC, and a stopped one becomes a prior therapy', () => {
    const { data, report } = importBundle(
      patient,
      { resourceType: 'MedicationRequest', id: 'rx', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' }, medicationCodeableConcept: { coding: [{ system: RXNORM, code: '1876376', display: 'dupilumab' }] } },
      { resourceType: 'MedicationRequest', id: 'old', status: 'stopped', intent: 'order', subject: { reference: 'Patient/p1' }, authoredOn: '2025-01-10', statusReason: { coding: [{ system: 'http://snomed.info/sct', code: '59037007' }] }, medicationCodeableConcept: { text: 'Methotrexate 15 mg weekly' }, dispenseRequest: { validityPeriod: { start: '2025-01-10', end: '2025-06-30' } } },
    );
    expect(data.items).toEqual([]);
    expect(report.ignored).toContainEqual(expect.objectContaining({ resource: 'MedicationRequest/rx (entry[1])', reason: expect.stringMatching(/RxNorm only/) }));
    expect(data.priorTherapies).toEqual([{ name: 'Methotrexate 15 mg weekly', category: 'medication', start: '2025-01-10', end: '2025-06-30', outcome: null, stoppedBecause: 'intolerance' }]);
    expect(report.gaps.map((g) => g.field)).toEqual(expect.arrayContaining(['items', 'priorTherapies[0].outcome']));
  });

  it('reads the line of business from the source-of-payment code, and leaves a bare "Medicare" as a gap', () => {
    const coverage = (code: string) => ({ resourceType: 'Coverage', id: `c${code}`, status: 'active', beneficiary: { reference: 'Patient/p1' }, payor: [{ reference: 'Patient/p1' }], subscriberId: 'M1', type: { coding: [{ system: 'https://nahdo.org/sopt', code }] } });
    expect(importBundle(patient, coverage('121')).data.coverage.lineOfBusiness).toBe('medicare-ffs');
    expect(importBundle(patient, coverage('111')).data.coverage.lineOfBusiness).toBe('medicare-advantage');
    expect(importBundle(patient, coverage('2')).data.coverage.lineOfBusiness).toBe('medicaid');
    const bare = importBundle(patient, coverage('1'));
    expect(bare.data.coverage.lineOfBusiness).toBeNull();
    expect(bare.report.gaps.map((g) => g.field)).toContain('coverage.lineOfBusiness');
    expect(bare.data.patient.memberId).toBe('M1');
  });

  it('saves an attachment carried in a Binary, refuses to fetch a remote one, and reports resources it does not map', () => {
    const pdf = Buffer.from('%PDF-1.4\n%fake\n').toString('base64');
    const { data, inline, report } = importBundle(
      patient,
      { resourceType: 'Binary', id: 'b1', contentType: 'application/pdf', data: pdf },
      { resourceType: 'DocumentReference', id: 'd1', status: 'current', type: { coding: [{ system: 'http://loinc.org', code: '11526-1' }], text: 'Pathology study' }, date: '2026-05-08T10:00:00Z', content: [{ attachment: { contentType: 'application/pdf', url: 'Binary/b1' } }] },
      { resourceType: 'DocumentReference', id: 'd2', status: 'current', content: [{ attachment: { contentType: 'application/pdf', url: 'https://ehr.example.org/docs/2.pdf' } }] },
      { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' } },
    );
    expect(data.attachments).toEqual([{ file: 'case-attachments/d1.pdf', kind: 'pathology', title: 'Pathology study', date: '2026-05-08' }]);
    expect(Buffer.from(inline[0]!.bytes).toString()).toBe('%PDF-1.4\n%fake\n');
    expect(report.ignored).toContainEqual(expect.objectContaining({ resource: 'DocumentReference/d2 (entry[3])', reason: expect.stringMatching(/does not fetch/) }));
    expect(report.ignored).toContainEqual(expect.objectContaining({ resource: 'Encounter/e1 (entry[4])', reason: expect.stringMatching(/maps no case field/) }));
  });

  it('maps performance status by its LOINC codes, the latest score winning', () => {
    const obs = (id: string, code: string, date: string, value: object) => ({ resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: 'http://loinc.org', code }] }, effectiveDateTime: date, ...value });
    const { data, report } = importBundle(patient, obs('k1', '89243-0', '2026-06-01', { valueInteger: 70 }), obs('k2', '89243-0', '2026-08-01', { valueInteger: 80 }), obs('e1', '89247-1', '2026-08-02', { valueCodeableConcept: { coding: [{ system: 'http://loinc.org', code: 'LA9623-5' }] } }));
    expect(data.clinical.performance).toEqual({ kps: 80, ecog: 1, assessedOn: '2026-08-02' });
    expect(report.ignored).toContainEqual(expect.objectContaining({ resource: 'Observation/k1 (entry[1])' }));
  });

  it('takes modifiers and quantity from a prior-authorization Claim line with the same code', () => {
    const HCPCS = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
    const { data, report } = importBundle(
      patient,
      { resourceType: 'DeviceRequest', id: 'dr', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' }, codeCodeableConcept: { coding: [{ system: HCPCS, code: 'E0766' }], text: 'Tumor treating fields' } },
      {
        resourceType: 'Claim', id: 'cl', status: 'active', use: 'preauthorization', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
        patient: { reference: 'Patient/p1' }, created: '2026-08-12', provider: { reference: 'Patient/p1' }, priority: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/processpriority', code: 'normal' }] },
        insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/x' } }],
        item: [
          { sequence: 1, productOrService: { coding: [{ system: HCPCS, code: 'E0766' }] }, modifier: [{ coding: [{ system: HCPCS, code: 'KF' }] }], quantity: { value: 3 } },
          { sequence: 2, productOrService: { coding: [{ system: HCPCS, code: 'A4555' }] } },
        ],
      },
    );
    expect(data.items).toEqual([{ hcpcs: 'E0766', description: 'Tumor treating fields', modifiers: ['KF'], quantity: 3 }]);
    expect(data.request.urgency).toBe('standard');
    expect(report.mapped).toContainEqual({ field: 'items[0].modifiers', from: 'Claim/cl (entry[2])', element: 'Claim.item[0].modifier' });
    expect(report.ignored).toContainEqual(expect.objectContaining({ resource: 'Claim/cl (entry[2])', element: 'Claim.item[1]' }));
  });
});
