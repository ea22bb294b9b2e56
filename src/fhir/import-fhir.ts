// Turns FHIR R4 resources into a draft case: each part mapped by its own file, the gaps FHIR cannot fill left null
// and listed, and a report of what came from which resource and what was ignored.
import type { Reference } from '@medplum/fhirtypes';
import type { ImportReport } from './import-context.js';
import { ImportContext } from './import-context.js';
import { mapAttachments, type AttachmentPlaces, type InlineFile } from './map-attachments.js';
import { mapClaim } from './map-claim.js';
import { mapClinical } from './map-clinical.js';
import { mapDiagnoses } from './map-diagnoses.js';
import { mapCoverage, mapOrganization, mapPatient, mapPrescriber } from './map-parties.js';
import { mapRequests, type MappedRequests } from './map-requests.js';
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
  ['caseId', "the practice's own reference for this request (only a PAS Claim's identifier carries it)"],
  ['payer', 'the authpack payer profile id (`authpack payers` lists them; only an authpack PAS export carries it)'],
  ['request.kind', "initial or continuation: FHIR requests do not say whether authorization was given before (only a PAS Claim's certification type does)"],
  ['necessity.summary', "the clinician's narrative justification is not coded in the chart"],
  ['necessity.rationale', "the clinician's narrative justification is not coded in the chart"],
  ['signature.signer', 'who signs the letter of medical necessity'],
  ['signature.date', 'the day the letter is signed'],
  ['signature.method', 'electronic, wet or stamp'],
];

export function importFhir(resources: readonly SourcedResource[], places: AttachmentPlaces): FhirImport {
  const ctx = new ImportContext(resources);
  const requests = mapRequests(ctx);
  const claim = mapClaim(ctx, requests.items, requests.request);
  const patient = mapPatient(ctx);
  const coverage = mapCoverage(ctx, patient);
  const prescriber = mapPrescriber(ctx, requests.requester);
  const { supplier: supplierRef, facility: facilityRef } = careTeamParties(ctx, requests, claim.careTeamOrganizations);
  const supplier = mapOrganization(ctx, supplierRef, 'supplier');
  const facility = mapOrganization(ctx, facilityRef, 'facility');
  const { diagnoses, clinical: fromConditions } = mapDiagnoses(ctx, requests.reasons);
  // A PAS Claim that types its diagnoses says which is principal; when none is, the first Condition is not made primary.
  if (claim.noPrincipal) for (const d of diagnoses) d.primary = false;
  const clinical = { ...fromConditions, ...mapClinical(ctx) };
  const priorTherapies = mapTherapies(ctx);
  const { attachments, inline } = mapAttachments(ctx, places);
  const draft: Record<string, unknown> = {
    version: 1,
    caseId: claim.caseId ?? null,
    payer: claim.payer ?? null,
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
    ...(requests.writtenOrderDate ? { orders: { writtenOrderDate: requests.writtenOrderDate } } : {}),
    attachments,
    signature: { signer: null, date: null, method: null },
  };
  // A PAS request Claim (authpack's own export, or another tool's) carries the case id and request kind; a chart does not.
  const carried = new Set([...(claim.caseId ? ['caseId'] : []), ...(claim.payer ? ['payer'] : []), ...(requests.request.kind !== undefined ? ['request.kind'] : [])]);
  for (const [field, reason] of NOT_IN_FHIR) if (!carried.has(field)) ctx.gap(field, reason);
  return { draft, report: ctx.finish(), inline };
}

/**
 * The supplier and facility: the performers of the requests, and the PAS Claim's care-team Organizations that no
 * request names. authpack's export lists the supplier before the facility, and makes the supplier the performer of
 * any DeviceRequest: so with a DeviceRequest an unnamed care-team Organization is the facility, else the supplier.
 */
function careTeamParties(ctx: ImportContext, requests: MappedRequests, careTeam: readonly Reference[]): { supplier?: Reference; facility?: Reference } {
  const out = { supplier: requests.supplier, facility: requests.facility };
  const named = [out.supplier, out.facility].map((r) => ctx.resolve(r, 'Organization')).filter(Boolean);
  const rest = careTeam.filter((r) => !named.includes(ctx.resolve(r, 'Organization')));
  const hasDevice = ctx.ofType('DeviceRequest').length > 0;
  for (const r of rest) {
    if (!out.supplier && !(hasDevice && rest.length === 1)) out.supplier = r;
    else if (!out.facility) out.facility = r;
  }
  return out;
}
