// Maps Condition resources to the case's diagnoses (ICD-10-CM only: a SNOMED-only condition is reported, never
// translated by guess) and the primary condition's onset, body site and histology to `clinical`.
import type { CodeableConcept, Condition } from '@medplum/fhirtypes';
import { SYSTEM } from './code-systems.js';
import { clean, codingIn, conceptText, day } from './fhir-values.js';
import type { ImportContext } from './import-context.js';
import type { SourcedResource } from './read-fhir.js';

/** mCODE's histology-morphology-behavior extension on a primary cancer Condition. */
const HISTOLOGY_EXTENSION = 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior';
const MAX_DIAGNOSES = 12;

type Sourced = SourcedResource & { resource: Condition };

/** `primaryRefs`: the Conditions the request names as its reason, the first of which is the primary diagnosis. */
export function mapDiagnoses(ctx: ImportContext, primaryRefs: readonly string[]): { diagnoses: Record<string, unknown>[]; clinical: Record<string, unknown> } {
  const kept: { r: Sourced; coding: { code: string; display?: string }; codingIndex: number }[] = [];
  for (const r of ctx.ofType<Condition>('Condition')) {
    const c = r.resource;
    const status = c.clinicalStatus?.coding?.[0]?.code;
    if (c.verificationStatus?.coding?.some((v) => v.code === 'entered-in-error' || v.code === 'refuted')) {
      ctx.ignore(r, 'the Condition is marked entered-in-error or refuted', 'verificationStatus');
      continue;
    }
    if (status === 'resolved' || status === 'inactive' || status === 'remission') {
      ctx.ignore(r, `the Condition's clinicalStatus is ${status}; only current conditions are diagnoses of the request`, 'clinicalStatus');
      continue;
    }
    const icd = codingIn(c.code, SYSTEM.icd10cm);
    if (!icd?.code) {
      const snomed = codingIn(c.code, SYSTEM.snomed);
      ctx.ignore(r, snomed ? 'the Condition is coded in SNOMED CT only; authpack does not translate codes (add its ICD-10-CM code to `diagnoses`)' : 'the Condition has no ICD-10-CM coding', 'code');
      continue;
    }
    kept.push({ r, coding: { code: icd.code, ...(icd.display ? { display: icd.display } : {}) }, codingIndex: c.code!.coding!.indexOf(icd) });
  }
  // The request's reason first, then the order of the export.
  const rank = (r: Sourced) => {
    const i = primaryRefs.findIndex((ref) => ref === `Condition/${r.resource.id}` || ref === r.fullUrl);
    return i < 0 ? primaryRefs.length : i;
  };
  kept.sort((a, b) => rank(a.r) - rank(b.r));
  for (const extra of kept.splice(MAX_DIAGNOSES)) ctx.ignore(extra.r, `a request carries at most ${MAX_DIAGNOSES} diagnoses`);
  const diagnoses = kept.map(({ r, coding, codingIndex }, i) => {
    const field = `diagnoses[${i}]`;
    ctx.mapped(`${field}.code`, r, `code.coding[${codingIndex}].code`);
    const description = clean(coding.display) ?? conceptText(r.resource.code);
    if (description) ctx.mapped(`${field}.description`, r, coding.display ? `code.coding[${codingIndex}].display` : 'code.text');
    return { code: coding.code, ...(description ? { description } : {}), primary: i === 0 };
  });
  if (diagnoses.length === 0) ctx.gap('diagnoses', 'no current Condition with an ICD-10-CM code');
  const clinical: Record<string, unknown> = {};
  const primary = kept[0]?.r;
  if (primary) {
    const c = primary.resource;
    const onset = day(c.onsetDateTime ?? c.onsetPeriod?.start);
    if (onset) {
      clinical.diagnosedOn = onset;
      ctx.mapped('clinical.diagnosedOn', primary, c.onsetDateTime ? 'onsetDateTime' : 'onsetPeriod.start');
    }
    const site = conceptText(c.bodySite?.[0]);
    // A body site is the tumour's site only for a neoplasm (ICD-10-CM C00–D49).
    if (site && /^(C|D[0-4])/.test(kept[0]!.coding.code)) {
      clinical.tumorSite = site;
      ctx.mapped('clinical.tumorSite', primary, 'bodySite[0]');
    }
    const histology = conceptText(c.extension?.find((e) => e.url === HISTOLOGY_EXTENSION)?.valueCodeableConcept as CodeableConcept | undefined);
    if (histology) {
      clinical.histology = histology;
      ctx.mapped('clinical.histology', primary, `extension(${HISTOLOGY_EXTENSION})`);
    }
  }
  return { diagnoses, clinical };
}
