// Turns FHIR R4 resources into a draft case: each part mapped by its own file, the gaps FHIR cannot fill left null
// and listed, and a report of what came from which resource and what was ignored.
import type { ImportReport } from './import-context.js';
import { ImportContext } from './import-context.js';
import { mapAttachments, type AttachmentPlaces, type InlineFile } from './map-attachments.js';
import { mapClaim } from './map-claim.js';
import { mapClinical } from './map-clinical.js';
import { mapDiagnoses } from './map-diagnoses.js';
import { mapCoverage, mapOrganization, mapPatient, mapPrescriber } from './map-parties.js';
import { mapRequests } from './map-requests.js';
import { mapTherapies } from './map-therapies.js';
import type { SourcedResource } from './read-fhir.js';

export interface FhirImport {
  /** The case as far as FHIR carries it; what it cannot carry is null (a gap). */
  draft: Record<string, unknown>;
  report: ImportReport;
  /** Attachments carried inline, to be written next to the case. */
  inline: InlineFile[];
}

/** The case fields no FHIR resource carries: the clinician's and coordinator's own words and choices. */
const NOT_IN_FHIR: [string, string][] = [
  ['caseId', "the practice's own reference for this request"],
  ['payer', 'the authpack payer profile id (`authpack payers` lists them)'],
  ['request.kind', 'initial or continuation: FHIR requests do not say whether authorization was given before'],
  ['necessity.summary', "the clinician's narrative justification is not coded in the chart"],
  ['necessity.rationale', "the clinician's narrative justification is not coded in the chart"],
  ['signature.signer', 'who signs the letter of medical necessity'],
  ['signature.date', 'the day the letter is signed'],
  ['signature.method', 'electronic, wet or stamp'],
];

export function importFhir(resources: readonly SourcedResource[], places: AttachmentPlaces): FhirImport {
  const ctx = new ImportContext(resources);
  const requests = mapRequests(ctx);
  mapClaim(ctx, requests.items, requests.request);
  const patient = mapPatient(ctx);
  const coverage = mapCoverage(ctx, patient);
  const prescriber = mapPrescriber(ctx, requests.requester);
  const supplier = mapOrganization(ctx, requests.supplier, 'supplier');
  const facility = mapOrganization(ctx, requests.facility, 'facility');
  const { diagnoses, clinical: fromConditions } = mapDiagnoses(ctx, requests.reasons);
  const clinical = { ...fromConditions, ...mapClinical(ctx) };
  const priorTherapies = mapTherapies(ctx);
  const { attachments, inline } = mapAttachments(ctx, places);
  const draft: Record<string, unknown> = {
    version: 1,
    caseId: null,
    payer: null,
    request: { kind: null, ...requests.request },
    patient,
    coverage,
    prescriber,
    ...(supplier ? { supplier } : {}),
    ...(facility ? { facility } : {}),
    diagnoses,
    ...(Object.keys(clinical).length ? { clinical } : {}),
    items: requests.items,
    priorTherapies,
    necessity: { summary: null, rationale: null },
    attachments,
    signature: { signer: null, date: null, method: null },
  };
  for (const [field, reason] of NOT_IN_FHIR) ctx.gap(field, reason);
  return { draft, report: ctx.finish(), inline };
}
