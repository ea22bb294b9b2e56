// Builds the Da Vinci PAS request Bundle for a case: the Claim first (use preauthorization), then every resource it
// references, each once, with ids derived from the case ID and the packet date (same input → same bytes).
import type { Bundle, Claim, ClaimItem, ClaimSupportingInfo, Extension, Resource } from '@medplum/fhirtypes';
import { servicePeriod } from '../compose/request-view.js';
import type { Case } from '../validate/case-schema.js';
import { PAS_EXTENSION, PAS_PROFILE, SYSTEM } from './code-systems.js';
import { caseToClinical, type ClinicalEntry } from './case-to-clinical.js';
import { caseToParties, type Entry } from './case-to-parties.js';
import { attachmentDocuments, packetDocument, type AttachmentData, type DocumentEntry } from './case-to-documents.js';
import { diagnosesToConditions, isDrug, itemCode, itemsToRequests, orderedDiagnoses } from './case-to-requests.js';
import { deterministicUuid, idMaker } from './deterministic-id.js';
import { compact, concept, ref } from './export-values.js';
import { coverageKind } from '../appeal/coverage-kind.js';

export interface PasExportInput {
  /** The packet date: the Claim's `created` and the Bundle's timestamp; it also seeds the ids. */
  date: Date;
  /** The payer as named on the packet (coverage.payerName, else the payer profile's display name). */
  payerName: string;
  /** The rendered packet PDF. */
  packet: Uint8Array;
  /** Each of `c.attachments`' file contents, in the same order. */
  attachments: readonly AttachmentData[];
}

export function buildPasBundle(c: Case, input: PasExportInput): Bundle {
  const day = input.date.toISOString().slice(0, 10);
  const id = idMaker(c.caseId, day);
  const parties = caseToParties(c, id, input.payerName);
  const conditions = diagnosesToConditions(c, id, parties.patient.fullUrl);
  const period = servicePeriod(c.request);
  const requests = itemsToRequests(c, id, { patient: parties.patient.fullUrl, requester: parties.role.fullUrl, conditions: conditions.map((e) => e.fullUrl), ...(parties.supplier ? { supplier: parties.supplier.fullUrl } : {}), ...(parties.facility ? { facility: parties.facility.fullUrl } : {}) }, { start: period.start, end: period.end });
  const packet = packetDocument(c, id, parties.patient.fullUrl, parties.role.fullUrl, day, input.packet);
  const attachments = attachmentDocuments(c, id, parties.patient.fullUrl, input.attachments);
  const clinical = caseToClinical(c, id, parties.patient.fullUrl);

  const careTeam = [parties.role, ...(parties.supplier ? [parties.supplier] : []), ...(parties.facility ? [parties.facility] : [])].map((e, i) => ({
    extension: [{ url: PAS_EXTENSION.careTeamClaimScope, valueBoolean: true }],
    sequence: i + 1,
    provider: ref(e.fullUrl),
  }));
  const diagnoses = orderedDiagnoses(c).map((d, i) => ({
    sequence: i + 1,
    diagnosisCodeableConcept: concept(SYSTEM.icd10cm, d.code, d.description),
    ...(i === 0 && d.primary ? { type: [concept(SYSTEM.x12DiagnosisType, 'ABK', 'Principal Diagnosis')] } : { type: [concept(SYSTEM.x12DiagnosisType, 'ABF', 'Diagnosis')] }),
  }));
  const documents = [packet, ...attachments];
  const supportingInfo: ClaimSupportingInfo[] = [...documents, ...clinical].map((d, i) => supporting(d, i + 1));

  const items: ClaimItem[] = c.items.map((item, i) => {
    const code = itemCode(item);
    const extension: Extension[] = [
      { url: PAS_EXTENSION.requestType, valueCodeableConcept: concept(SYSTEM.x12RequestType, 'HS', 'Health Services Review') },
      { url: PAS_EXTENSION.certificationType, valueCodeableConcept: coverageKind(c) === 'initial' ? concept(SYSTEM.x12CertificationType, 'I', 'Initial') : concept(SYSTEM.x12CertificationType, 'R', 'Renewal') },
      { url: PAS_EXTENSION.requestedService, valueReference: ref(requests[i]!.fullUrl) },
    ];
    return compact({
      extension,
      sequence: i + 1,
      careTeamSequence: careTeam.map((t) => t.sequence),
      diagnosisSequence: diagnoses.map((d) => d.sequence),
      informationSequence: supportingInfo.map((s) => s.sequence),
      category: serviceType(item),
      productOrService: { coding: [code.coding![0]!], text: code.text },
      modifier: item.modifiers.length ? item.modifiers.map((m) => concept(/^\d/.test(m) ? SYSTEM.cpt : SYSTEM.hcpcs, m)) : undefined,
      servicedPeriod: { start: period.start, end: period.end },
      locationCodeableConcept: c.request.placeOfService ? concept(SYSTEM.placeOfService, c.request.placeOfService) : undefined,
      quantity: compact({ value: item.quantity, unit: item.unit }),
    }) as ClaimItem;
  });

  const claim: Claim & { id: string } = compact({
    resourceType: 'Claim' as const,
    id: id('Claim'),
    identifier: [{ system: SYSTEM.caseId, value: c.caseId }],
    status: 'active' as const,
    type: concept(SYSTEM.claimType, isDrug(c.items[0]!) && c.items.every(isDrug) && c.items.some((x) => x.benefit === 'pharmacy') ? 'pharmacy' : 'professional'),
    use: 'preauthorization' as const,
    patient: ref(parties.patient.fullUrl),
    created: input.date.toISOString(),
    insurer: ref(parties.insurer.fullUrl),
    provider: ref(parties.role.fullUrl),
    priority: c.request.urgency === 'expedited' ? concept(SYSTEM.processPriority, 'stat', 'Immediate') : concept(SYSTEM.processPriority, 'normal', 'Normal'),
    careTeam,
    supportingInfo,
    diagnosis: diagnoses,
    insurance: [{ sequence: 1, focal: true, coverage: ref(parties.coverage.fullUrl) }],
    item: items,
  }) as Claim & { id: string };

  const entries: Entry[] = [
    { fullUrl: `urn:uuid:${claim.id}`, resource: claim },
    parties.patient,
    parties.coverage,
    parties.insurer,
    parties.role,
    parties.practitioner,
    ...parties.others,
    ...conditions,
    ...requests,
    ...documents.map(({ fullUrl, resource }) => ({ fullUrl, resource })),
    ...clinical.map(({ fullUrl, resource }) => ({ fullUrl, resource })),
  ];
  const roles = new Map<string, string>([
    [parties.patient.fullUrl, PAS_PROFILE.beneficiary],
    [parties.insurer.fullUrl, PAS_PROFILE.insurer],
    ...parties.others.filter((e) => e.resource.resourceType === 'Patient').map((e): [string, string] => [e.fullUrl, PAS_PROFILE.subscriber]),
  ]);
  return {
    resourceType: 'Bundle',
    id: id('Bundle'),
    meta: { profile: [PAS_PROFILE.bundle] },
    identifier: { system: SYSTEM.submission, value: deterministicUuid('authpack-pas-submission', c.caseId, day) },
    type: 'collection',
    timestamp: input.date.toISOString(),
    entry: entries.map(({ fullUrl, resource }) => ({ fullUrl, resource: withProfile(resource, roles.get(fullUrl) ?? PROFILE_BY_TYPE[resource.resourceType]) })),
  };
}

/** The PAS profile each resource type conforms to when its role does not decide (supporting clinical resources claim none). */
const PROFILE_BY_TYPE: Record<string, string | undefined> = {
  Claim: PAS_PROFILE.claim,
  Coverage: PAS_PROFILE.coverage,
  Organization: PAS_PROFILE.organization,
  Practitioner: PAS_PROFILE.practitioner,
  PractitionerRole: PAS_PROFILE.practitionerRole,
  DocumentReference: PAS_PROFILE.documentReference,
  DeviceRequest: PAS_PROFILE.deviceRequest,
  ServiceRequest: PAS_PROFILE.serviceRequest,
  MedicationRequest: PAS_PROFILE.medicationRequest,
};

/** The resource with `meta.profile` placed after its id, where a reader looks for it. */
function withProfile<T extends Resource>(resource: T, profile: string | undefined): T {
  if (!profile) return resource;
  const { resourceType, id, ...rest } = resource as T & { id?: string };
  return { resourceType, ...(id ? { id } : {}), meta: { profile: [profile] }, ...rest } as unknown as T;
}

function supporting(d: DocumentEntry | ClinicalEntry, sequence: number): ClaimSupportingInfo {
  return {
    extension: [{
      url: PAS_EXTENSION.documentInformation,
      extension: [
        { url: 'reportTypeCode', valueCodeableConcept: concept(SYSTEM.x12ReportType, d.reportType[0], d.reportType[1]) },
        { url: 'transmissionMethod', valueCodeableConcept: concept(SYSTEM.x12TransmissionMethod, 'EL', 'Electronically Only') },
        { url: 'description', valueString: d.description },
      ],
    }],
    sequence,
    category: concept(SYSTEM.pasTempCodes, 'additionalInformation'),
    valueReference: ref(d.fullUrl),
  };
}

/** X12 service type (UM03): DME purchase or rental for equipment, else medical care. */
function serviceType(item: Case['items'][number]) {
  if (item.hcpcs && /^[EK]/.test(item.hcpcs) && !item.ndc) {
    return item.acquisition === 'rental' ? concept(SYSTEM.x12ServiceType, '18', 'Durable Medical Equipment Rental') : concept(SYSTEM.x12ServiceType, '12', 'Durable Medical Equipment Purchase');
  }
  return concept(SYSTEM.x12ServiceType, '1', 'Medical Care');
}
