// Checks a PAS request Bundle against the Da Vinci PAS rules that can be checked offline: Claim first with the fixed
// values, every reference resolving inside the bundle, each resource once and reachable from the Claim, the item
// extensions PASClaim requires, inline document content. Structure (R4 types, cardinality) is checked elsewhere.
import type { Bundle, Claim, DocumentReference, Resource } from '@medplum/fhirtypes';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { PAS_EXTENSION, SYSTEM } from './code-systems.js';

const MAX_DIAGNOSES = 12;

export function checkPasBundle(bundle: Bundle): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fail = (slug: string, element: string, message: string, severity: Diagnostic['severity'] = 'error', hint?: string) =>
    out.push({ code: `fhir/pas-${slug}`, severity, message: `${element}: ${message}`, ...(hint ? { hint } : {}) });

  if (bundle.type !== 'collection') fail('bundle-type', 'Bundle.type', `must be "collection", not ${JSON.stringify(bundle.type)}.`);
  if (!bundle.identifier?.value) fail('bundle-identifier', 'Bundle.identifier', 'is required.');
  if (!bundle.timestamp) fail('bundle-timestamp', 'Bundle.timestamp', 'is required.');
  const entries = bundle.entry ?? [];
  const byUrl = new Map<string, Resource>();
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (!e.fullUrl) fail('entry-fullurl', `Bundle.entry[${i}].fullUrl`, 'is required.');
    else if (byUrl.has(e.fullUrl)) fail('entry-duplicate', `Bundle.entry[${i}].fullUrl`, `repeats ${e.fullUrl}; each resource appears once.`);
    if (!e.resource) return fail('entry-resource', `Bundle.entry[${i}].resource`, 'is required.');
    if (e.fullUrl) byUrl.set(e.fullUrl, e.resource);
    const key = `${e.resource.resourceType}/${e.resource.id ?? ''}`;
    if (e.resource.id && seen.has(key)) fail('entry-duplicate', `Bundle.entry[${i}].resource`, `${key} appears more than once.`);
    seen.add(key);
    if (e.search || e.request || e.response) fail('entry-transaction', `Bundle.entry[${i}]`, 'may not carry search, request or response in a PAS request bundle.');
  });

  const claim = entries[0]?.resource as Claim | undefined;
  if (claim?.resourceType !== 'Claim') {
    fail('claim-first', 'Bundle.entry[0]', 'must be the Claim.');
    return out;
  }
  if (claim.use !== 'preauthorization') fail('claim-use', 'Claim.use', 'must be "preauthorization".');
  if (claim.status !== 'active') fail('claim-status', 'Claim.status', 'must be "active".');
  for (const field of ['patient', 'insurer', 'provider', 'type', 'priority', 'created'] as const) if (!claim[field]) fail('claim-required', `Claim.${field}`, 'is required.');
  if (!claim.identifier?.length) fail('claim-required', 'Claim.identifier', 'is required.');
  if (!claim.insurance?.some((i) => i.focal === true && i.coverage?.reference)) fail('claim-insurance', 'Claim.insurance', 'needs one focal coverage.');
  if ((claim.diagnosis?.length ?? 0) > MAX_DIAGNOSES) fail('claim-diagnoses', 'Claim.diagnosis', `has more than ${MAX_DIAGNOSES} entries; an X12 278 carries at most ${MAX_DIAGNOSES}.`);
  claim.diagnosis?.forEach((d, i) => {
    if (!d.diagnosisCodeableConcept?.coding?.some((c) => c.system === SYSTEM.icd10cm)) fail('claim-diagnosis-code', `Claim.diagnosis[${i}]`, 'needs an ICD-10-CM code.');
  });
  claim.careTeam?.forEach((t, i) => {
    if (!t.extension?.some((x) => x.url === PAS_EXTENSION.careTeamClaimScope && typeof x.valueBoolean === 'boolean')) fail('careteam-scope', `Claim.careTeam[${i}]`, 'needs the careTeamClaimScope extension.');
  });
  if (!claim.item?.length) fail('claim-items', 'Claim.item', 'needs at least one item.');
  claim.item?.forEach((item, i) => {
    const ext = (url: string) => item.extension?.find((x) => x.url === url);
    if (!ext(PAS_EXTENSION.requestType)?.valueCodeableConcept) fail('item-request-type', `Claim.item[${i}].extension`, 'needs the serviceItemRequestType extension.');
    if (!ext(PAS_EXTENSION.certificationType)?.valueCodeableConcept) fail('item-certification-type', `Claim.item[${i}].extension`, 'needs the certificationType extension.');
    if (!item.category) fail('item-category', `Claim.item[${i}].category`, 'is required.');
    if (!item.productOrService?.coding?.length) fail('item-code', `Claim.item[${i}].productOrService`, 'needs a code.');
    if (!item.locationCodeableConcept) {
      fail('item-location', `Claim.item[${i}].location`, 'is required by PAS (the place of service) and the case gives none.', 'warning', 'Add `request.placeOfService` to the case (12 home, 11 office, 22 outpatient hospital …) and export again.');
    }
  });
  claim.supportingInfo?.forEach((s, i) => {
    const info = s.extension?.find((x) => x.url === PAS_EXTENSION.documentInformation);
    if (s.category?.coding?.[0]?.code === 'additionalInformation') {
      if (!info?.extension?.some((x) => x.url === 'reportTypeCode' && x.valueCodeableConcept)) fail('supporting-info', `Claim.supportingInfo[${i}]`, 'needs the documentInformation extension with a reportTypeCode.');
      if (!s.valueReference) fail('supporting-info', `Claim.supportingInfo[${i}].value`, 'needs a reference.');
    }
    const target = s.valueReference?.reference ? byUrl.get(s.valueReference.reference) : undefined;
    if (target?.resourceType === 'DocumentReference') {
      (target as DocumentReference).content.forEach((c, j) => {
        if (!c.attachment.data) fail('document-inline', `DocumentReference ${target.id} content[${j}].attachment.data`, 'is required: PAS documents travel inline.');
        if (c.attachment.url) fail('document-inline', `DocumentReference ${target.id} content[${j}].attachment.url`, 'is not allowed in PAS; the content goes in `data`.');
      });
    }
  });

  // Every reference resolves inside the bundle, and every resource is reached from the Claim (fully traversed).
  const reached = new Set<string>([entries[0]!.fullUrl ?? '']);
  const queue: [string, Resource][] = [[entries[0]!.fullUrl ?? '', claim]];
  while (queue.length) {
    const [from, resource] = queue.shift()!;
    for (const { path, reference } of references(resource)) {
      const target = byUrl.get(reference);
      if (!target) {
        fail('unresolved-reference', `${resource.resourceType}${resource.id ? ` ${resource.id}` : ''} ${path}`, `refers to ${reference}, which is not in the bundle.`);
        continue;
      }
      if (!reached.has(reference)) {
        reached.add(reference);
        queue.push([from, target]);
      }
    }
  }
  entries.forEach((e, i) => {
    if (e.fullUrl && !reached.has(e.fullUrl)) fail('unreferenced-entry', `Bundle.entry[${i}]`, `${e.resource?.resourceType ?? 'the entry'} is not referenced from the Claim or the resources it references.`);
  });
  return out;
}

/** Every `reference` string in a resource, with its element path. */
function references(value: unknown, path = ''): { path: string; reference: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => references(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const out: { path: string; reference: string }[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (k === 'reference' && typeof v === 'string') out.push({ path: path || '(root)', reference: v });
    else out.push(...references(v, path ? `${path}.${k}` : k));
  }
  return out;
}
