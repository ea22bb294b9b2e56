// The code and identifier systems authpack reads and writes in FHIR, in one place so export and import agree.
export const SYSTEM = {
  npi: 'http://hl7.org/fhir/sid/us-npi',
  mbi: 'http://hl7.org/fhir/sid/us-mbi',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  snomed: 'http://snomed.info/sct',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  cpt: 'http://www.ama-assn.org/go/cpt',
  ndc: 'http://hl7.org/fhir/sid/ndc',
  loinc: 'http://loinc.org',
  placeOfService: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  v20203: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  /** PHVS_SourceOfPaymentTypology_CDC as the US Core / PAS binding names it (authpack writes it by its OID). */
  sopt: 'https://nahdo.org/sopt',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  usCoreDocCategory: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
  /** PHIN VADS Source of Payment Typology: the payer type of a Coverage. */
  paymentTypology: 'urn:oid:2.16.840.1.113883.3.221.5',
  x12OrganizationType: 'https://codesystem.x12.org/005010/98',
  x12CertificationType: 'https://codesystem.x12.org/005010/1322',
  x12RequestType: 'https://codesystem.x12.org/005010/1525',
  x12ServiceType: 'https://codesystem.x12.org/005010/1365',
  x12DiagnosisType: 'https://codesystem.x12.org/005010/1270',
  x12ReportType: 'https://codesystem.x12.org/005010/755',
  x12TransmissionMethod: 'https://codesystem.x12.org/005010/756',
  x12IndividualRelationship: 'https://codesystem.x12.org/005010/1069',
  pasTempCodes: 'http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes',
  // authpack's own systems, for values no public code system carries (so a round trip keeps them).
  caseId: 'urn:authpack:case-id',
  payerProfile: 'urn:authpack:payer-profile',
  memberId: 'urn:authpack:member-id',
  groupNumber: 'urn:authpack:group-number',
  ptan: 'urn:authpack:ptan',
  submission: 'urn:authpack:submission',
  lineOfBusiness: 'urn:authpack:line-of-business',
  attachmentKind: 'urn:authpack:attachment-kind',
  therapyCategory: 'urn:authpack:therapy-category',
} as const;

/** HCPCS Level II is written under several URLs in the wild; all name the same code system. */
export const HCPCS_SYSTEMS = new Set([
  'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  'urn:oid:2.16.840.1.113883.6.285',
  'https://bluebutton.cms.gov/resources/codesystem/hcpcs',
]);

/** The source-of-payment typology is also written by its OID. */
export const SOPT_SYSTEMS = new Set([SYSTEM.sopt, 'urn:oid:2.16.840.1.113883.3.221.5']);

/** LOINC codes of the performance scores the case carries as `clinical.performance`. */
export const LOINC_KPS = '89243-0';
export const LOINC_ECOG = '89247-1';
/** LOINC answer codes of the ECOG score (LL529-9), by score. */
export const ECOG_ANSWERS: Record<string, number> = { 'LA9622-7': 0, 'LA9623-5': 1, 'LA9624-3': 2, 'LA9625-0': 3, 'LA9626-8': 4, 'LA9627-6': 5 };
/** Blood pressure panel: its two components are shown as systolic/diastolic. */
export const LOINC_BP_PANEL = '85354-9';
export const LOINC_SYSTOLIC = '8480-6';
export const LOINC_DIASTOLIC = '8462-4';

const PAS = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';
export const PAS_EXTENSION = {
  certificationType: `${PAS}extension-certificationType`,
  requestType: `${PAS}extension-serviceItemRequestType`,
  requestedService: `${PAS}extension-requestedService`,
  careTeamClaimScope: `${PAS}extension-careTeamClaimScope`,
  documentInformation: `${PAS}extension-documentInformation`,
} as const;

export const PAS_PROFILE = {
  bundle: `${PAS}profile-pas-request-bundle`,
  claim: `${PAS}profile-claim`,
  beneficiary: `${PAS}profile-beneficiary`,
  subscriber: `${PAS}profile-subscriber`,
  coverage: `${PAS}profile-coverage`,
  insurer: `${PAS}profile-insurer`,
  requestor: `${PAS}profile-requestor`,
  organization: `${PAS}profile-organization`,
  practitioner: `${PAS}profile-practitioner`,
  practitionerRole: `${PAS}profile-practitionerrole`,
  documentReference: `${PAS}profile-documentreference`,
  deviceRequest: `${PAS}profile-devicerequest`,
  serviceRequest: `${PAS}profile-servicerequest`,
  medicationRequest: `${PAS}profile-medicationrequest`,
} as const;
