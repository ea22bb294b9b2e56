// The code and identifier systems the importer recognises, by their canonical FHIR URLs (US Core, CMS, HL7).
export const SYSTEM = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  cpt: 'http://www.ama-assn.org/go/cpt',
  ndc: 'http://hl7.org/fhir/sid/ndc',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  mbi: 'http://hl7.org/fhir/sid/us-mbi',
  /** PHVS_SourceOfPaymentTypology_CDC (the US Core / PAS binding of Coverage.type). */
  sopt: 'https://nahdo.org/sopt',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
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
