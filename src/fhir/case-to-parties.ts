// Maps the case's people and organisations to FHIR: Patient, Coverage (and a subscriber Patient), the insurer,
// the prescriber as Practitioner + PractitionerRole (+ Organization), the supplier and the servicing facility.
import type { Coverage, Organization, Patient, Practitioner, PractitionerRole, Resource } from '@medplum/fhirtypes';
import type { Case } from '../validate/case-schema.js';
import { SYSTEM } from './code-systems.js';
import { compact, concept, fhirAddress, personName, ref, telecom } from './export-values.js';

export interface Entry<T extends Resource = Resource> {
  fullUrl: string;
  resource: T;
}

export interface Parties {
  patient: Entry<Patient>;
  coverage: Entry<Coverage>;
  insurer: Entry<Organization>;
  practitioner: Entry<Practitioner>;
  role: Entry<PractitionerRole>;
  /** The prescriber's organisation, supplier, facility and subscriber, when the case names them. */
  others: Entry[];
  supplier?: Entry<Organization>;
  facility?: Entry<Organization>;
}

/** Line of business → Source of Payment Typology code, where one clearly fits (chip and exchange carry only authpack's code). */
const PAYMENT_TYPOLOGY: Partial<Record<Case['coverage']['lineOfBusiness'], [string, string]>> = {
  commercial: ['5', 'PRIVATE HEALTH INSURANCE'],
  'medicare-ffs': ['121', 'Medicare FFS'],
  'medicare-advantage': ['11', 'Medicare (Managed Care)'],
  medicaid: ['2', 'MEDICAID'],
};

export function caseToParties(c: Case, id: (role: string) => string, payerName: string): Parties {
  const entry = <T extends Resource>(resource: T & { id: string }): Entry<T> => ({ fullUrl: `urn:uuid:${resource.id}`, resource });
  const p = c.patient;

  const patient = entry<Patient>(compact({
    resourceType: 'Patient',
    id: id('Patient'),
    identifier: [
      { type: concept(SYSTEM.v20203, 'MB', 'Member Number'), system: SYSTEM.memberId, value: p.memberId },
      ...(p.mbi ? [{ type: concept(SYSTEM.v20203, 'MC', 'Patient\'s Medicare number'), system: SYSTEM.mbi, value: p.mbi }] : []),
    ],
    name: [compact({ use: 'official' as const, family: p.lastName, given: [p.firstName, ...(p.middleName ? [p.middleName] : [])], suffix: p.suffix ? [p.suffix] : undefined })],
    telecom: p.phone ? [{ system: 'phone' as const, value: p.phone, use: 'home' as const }] : undefined,
    gender: p.sex,
    birthDate: p.dateOfBirth,
    address: p.address ? fhirAddress(p.address)!.map((a) => ({ ...a, use: 'home' as const })) : undefined,
  }) as Patient & { id: string });

  const insurer = entry<Organization>({
    resourceType: 'Organization',
    id: id('Insurer'),
    identifier: [{ system: SYSTEM.payerProfile, value: c.payer }],
    active: true,
    type: [concept(SYSTEM.x12OrganizationType, 'PR', 'Payer')],
    name: payerName,
    ...(telecom([['phone', c.coverage.payerPhone], ['fax', c.coverage.payerFax]]) ? { telecom: telecom([['phone', c.coverage.payerPhone], ['fax', c.coverage.payerFax]]) } : {}),
  });

  const others: Entry[] = [];
  const sub = c.coverage.subscriber;
  // Without a `coverage.subscriber` the case does not say who holds the policy: Coverage.subscriber stays empty and
  // the relationship says "not stated" (the PAS export then warns). A policyholder other than the patient is a
  // PASSubscriber Patient, as PAS requires.
  let subscriberUrl: string | undefined = sub?.relationship === 'self' ? patient.fullUrl : undefined;
  if (sub && sub.relationship !== 'self') {
    const holder = entry<Patient>({ resourceType: 'Patient', id: id('Subscriber'), name: [{ text: sub.name }] });
    others.push(holder);
    subscriberUrl = holder.fullUrl;
  }
  const lob = PAYMENT_TYPOLOGY[c.coverage.lineOfBusiness];
  const coverage = entry<Coverage>(compact({
    resourceType: 'Coverage',
    id: id('Coverage'),
    identifier: [{ type: concept(SYSTEM.v20203, 'MB', 'Member Number'), system: SYSTEM.memberId, value: p.memberId }],
    status: 'active' as const,
    type: { coding: [...(lob ? [{ system: SYSTEM.paymentTypology, code: lob[0], display: lob[1] }] : []), { system: SYSTEM.lineOfBusiness, code: c.coverage.lineOfBusiness }] },
    subscriber: subscriberUrl ? ref(subscriberUrl) : undefined,
    subscriberId: p.memberId,
    beneficiary: ref(patient.fullUrl),
    relationship: sub ? { coding: [{ system: SYSTEM.subscriberRelationship, code: sub.relationship }, { system: SYSTEM.x12IndividualRelationship, code: X12_RELATIONSHIP[sub.relationship] }] } : { text: 'not stated in the case' },
    payor: [ref(insurer.fullUrl)],
    class: [
      ...(p.groupNumber ? [{ type: concept(SYSTEM.coverageClass, 'group'), value: p.groupNumber }] : []),
      ...(c.coverage.planName ? [{ type: concept(SYSTEM.coverageClass, 'plan'), value: c.coverage.planName, name: c.coverage.planName }] : []),
    ],
  }) as Coverage & { id: string });
  if (coverage.resource.class?.length === 0) delete coverage.resource.class;

  const pr = c.prescriber;
  const practitioner = entry<Practitioner>(compact({
    resourceType: 'Practitioner',
    id: id('Practitioner'),
    identifier: [{ system: SYSTEM.npi, value: pr.npi }],
    name: [personName(pr.name)],
    address: fhirAddress(pr.address),
    qualification: [{ code: { text: pr.credentials } }],
  }) as Practitioner & { id: string });
  let orgUrl: string | undefined;
  if (pr.organization) {
    const org = entry<Organization>(compact({ resourceType: 'Organization', id: id('PrescriberOrganization'), active: true, name: pr.organization, address: fhirAddress(pr.address) }) as Organization & { id: string });
    others.push(org);
    orgUrl = org.fullUrl;
  }
  const role = entry<PractitionerRole>(compact({
    resourceType: 'PractitionerRole',
    id: id('PractitionerRole'),
    active: true,
    practitioner: ref(practitioner.fullUrl),
    organization: orgUrl ? ref(orgUrl) : undefined,
    specialty: pr.specialty ? [{ text: pr.specialty }] : undefined,
    telecom: telecom([['phone', pr.phone], ['fax', pr.fax], ['email', pr.email]]),
  }) as PractitionerRole & { id: string });

  const provider = (role: string, o: NonNullable<Case['supplier']> | NonNullable<Case['facility']>): Entry<Organization> =>
    entry<Organization>(compact({
      resourceType: 'Organization' as const,
      id: id(role),
      identifier: [...(o.npi ? [{ system: SYSTEM.npi, value: o.npi }] : []), ...('ptan' in o && o.ptan ? [{ system: SYSTEM.ptan, value: o.ptan }] : [])],
      active: true,
      name: o.name,
      telecom: telecom([['phone', o.phone], ['fax', o.fax]]),
      address: fhirAddress(o.address),
    }) as Organization & { id: string });
  const supplier = c.supplier ? provider('Supplier', c.supplier) : undefined;
  const facility = c.facility ? provider('Facility', c.facility) : undefined;
  for (const o of [supplier, facility]) {
    if (!o) continue;
    if (o.resource.identifier?.length === 0) delete o.resource.identifier;
    others.push(o);
  }
  return { patient, coverage, insurer, practitioner, role, others, ...(supplier ? { supplier } : {}), ...(facility ? { facility } : {}) };
}

/**
 * X12 005010 element 1069 (individual relationship code), which PAS sends beside the FHIR code
 * (PASCoverage relationship.coding X12Code slice). `18` self is the PAS guide's own example (Examples.fsh,
 * InsuranceExample, HL7/davinci-pas 2.2.1, 2026-03); `01` spouse, `19` child and `G8` other relationship are the X12
 * code list as published in 278/837 companion guides, unconfirmed here: the X12 list is licensed and not offline.
 */
const X12_RELATIONSHIP: Record<'self' | 'spouse' | 'child' | 'other', string> = { self: '18', spouse: '01', child: '19', other: 'G8' };
