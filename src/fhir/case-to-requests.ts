// Maps diagnoses to Conditions and each requested item to the request resource PAS expects for it: a drug (an NDC or
// a HCPCS J-code) → MedicationRequest, another HCPCS code (equipment, supplies) → DeviceRequest, a CPT code →
// ServiceRequest. Each request names the diagnoses as its reasons.
import type { CodeableConcept, Condition, DeviceRequest, MedicationRequest, Period, ServiceRequest } from '@medplum/fhirtypes';
import type { Case } from '../validate/case-schema.js';
import { SYSTEM } from './code-systems.js';
import type { Entry } from './case-to-parties.js';
import { compact, concept, doseAndRate, ref } from './export-values.js';

type Item = Case['items'][number];
export type RequestEntry = Entry<DeviceRequest | ServiceRequest | MedicationRequest>;

/** ICD-10-CM neoplasms (C00–D49): only their Condition's body site is the tumour site (as the importer reads it). */
const NEOPLASM = /^(C|D[0-4])/;

export function diagnosesToConditions(c: Case, id: (role: string, i?: number) => string, patientUrl: string): Entry<Condition>[] {
  return orderedDiagnoses(c).map((d, i) => {
    // The primary diagnosis, or the first when the case marks none, carries the onset and site (as the letter reads them).
    const main = d.primary || (i === 0 && !c.diagnoses.some((x) => x.primary));
    const resource: Condition & { id: string } = {
      resourceType: 'Condition',
      id: id('Condition', i),
      clinicalStatus: concept(SYSTEM.conditionClinical, 'active'),
      verificationStatus: concept(SYSTEM.conditionVerification, 'confirmed'),
      category: [concept(SYSTEM.conditionCategory, 'encounter-diagnosis', 'Encounter Diagnosis')],
      code: concept(SYSTEM.icd10cm, d.code, d.description),
      ...(main && NEOPLASM.test(d.code) && c.clinical?.tumorSite ? { bodySite: [{ text: c.clinical.tumorSite }] } : {}),
      subject: ref(patientUrl),
      ...(main && c.clinical?.diagnosedOn ? { onsetDateTime: c.clinical.diagnosedOn } : {}),
    };
    return { fullUrl: `urn:uuid:${resource.id}`, resource };
  });
}

/** The primary diagnosis first (it is the claim's principal diagnosis), the rest in the case's order. */
export function orderedDiagnoses(c: Case): Case['diagnoses'] {
  return [...c.diagnoses.filter((d) => d.primary), ...c.diagnoses.filter((d) => !d.primary)];
}

/** The item's codes as a CodeableConcept: the claim line's code first (HCPCS, CPT, else NDC). */
export function itemCode(item: Item): CodeableConcept {
  const coding = [
    ...(item.hcpcs ? [{ system: SYSTEM.hcpcs, code: item.hcpcs }] : []),
    ...(item.cpt ? [{ system: SYSTEM.cpt, code: item.cpt }] : []),
    ...(item.ndc ? [{ system: SYSTEM.ndc, code: item.ndc }] : []),
  ];
  // The description as written (an importer reads it back as the description); the brand is printed in the packet.
  return { coding, text: item.description };
}

export function isDrug(item: Item): boolean {
  return item.ndc !== undefined || (item.hcpcs?.startsWith('J') ?? false);
}

export function itemsToRequests(c: Case, id: (role: string, i?: number) => string, refs: { patient: string; requester: string; conditions: readonly string[]; supplier?: string; facility?: string }, period: Period): RequestEntry[] {
  const priority = c.request.urgency === 'expedited' ? ('urgent' as const) : ('routine' as const);
  const common = { status: 'active' as const, intent: 'order' as const, priority, subject: ref(refs.patient), requester: ref(refs.requester), reasonReference: refs.conditions.map(ref), ...(c.orders?.writtenOrderDate ? { authoredOn: c.orders.writtenOrderDate } : {}) };
  return c.items.map((item, i) => {
    const code = itemCode(item);
    let resource: (DeviceRequest | ServiceRequest | MedicationRequest) & { id: string };
    if (isDrug(item)) {
      const dosageText = [item.dose, item.frequency, item.route].filter(Boolean).join(', ');
      resource = compact({
        resourceType: 'MedicationRequest' as const,
        id: id('MedicationRequest', i),
        ...common,
        medicationCodeableConcept: code,
        performer: refs.facility ? ref(refs.facility) : undefined,
        dosageInstruction: dosageText ? [compact({ text: dosageText, route: item.route ? { text: item.route } : undefined, timing: item.frequency ? { code: { text: item.frequency } } : undefined, doseAndRate: doseAndRate(item.dose) })] : undefined,
        dispenseRequest: compact({
          validityPeriod: period,
          quantity: compact({ value: item.quantity, unit: item.unit }),
          expectedSupplyDuration: item.daysSupply ? { value: item.daysSupply, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' } : undefined,
        }),
        courseOfTherapyType: item.benefit ? { text: `${item.benefit} benefit` } : undefined,
      }) as MedicationRequest & { id: string };
    } else if (item.cpt) {
      resource = compact({ resourceType: 'ServiceRequest' as const, id: id('ServiceRequest', i), ...common, code, quantityQuantity: compact({ value: item.quantity, unit: item.unit }), occurrencePeriod: period, performer: refs.facility ? [ref(refs.facility)] : undefined }) as ServiceRequest & { id: string };
    } else {
      resource = compact({
        resourceType: 'DeviceRequest' as const,
        id: id('DeviceRequest', i),
        ...common,
        codeCodeableConcept: code,
        performer: refs.supplier ? ref(refs.supplier) : undefined,
        parameter: [{ code: { text: 'quantity' }, valueQuantity: compact({ value: item.quantity, unit: item.unit }) }, ...(item.acquisition ? [{ code: { text: 'acquisition' }, valueCodeableConcept: { text: item.acquisition } }] : [])],
        occurrencePeriod: period,
      }) as DeviceRequest & { id: string };
    }
    return { fullUrl: `urn:uuid:${resource.id}`, resource };
  });
}
