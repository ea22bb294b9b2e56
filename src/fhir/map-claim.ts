// Reads what a prior-authorization Claim (Da Vinci PAS, `use: preauthorization`) adds to the request: each claim
// line's modifiers and quantity (matched to the imported item by its code), place of service, certification type
// (initial or renewal) and the claim's priority, and the case id authpack's own export writes as its identifier.
import type { Claim, Organization, Reference } from '@medplum/fhirtypes';
import { HCPCS_SYSTEMS, PAS_EXTENSION, SYSTEM } from './code-systems.js';
import { codingIn, identifierIn } from './fhir-values.js';
import type { ImportContext } from './import-context.js';

/** X12 certification type codes (PAS extension-certificationType) by case request kind. */
const KIND_BY_CERTIFICATION: Record<string, string> = { I: 'initial', R: 'continuation' };

export interface ClaimFacts {
  caseId?: string;
  /** The authpack payer profile id, on the insurer Organization of authpack's own export. */
  payer?: string;
  /** The Claim lists diagnoses and types none principal (X12 1270 ABK): the case marks no diagnosis primary. */
  noPrincipal?: true;
  /** The Organizations in the Claim's care team (authpack's export lists the supplier, then the facility). */
  careTeamOrganizations: Reference[];
}

export function mapClaim(ctx: ImportContext, items: Record<string, unknown>[], request: Record<string, unknown>): ClaimFacts {
  const facts: ClaimFacts = { careTeamOrganizations: [] };
  for (const r of ctx.ofType<Claim>('Claim')) {
    const claim = r.resource;
    if (claim.use !== 'preauthorization' || claim.status === 'cancelled' || claim.status === 'entered-in-error') {
      ctx.ignore(r, 'only an active prior-authorization Claim (use preauthorization) adds to the request', 'use');
      continue;
    }
    ctx.touch(r);
    const caseId = claim.identifier?.find((id) => id.system === SYSTEM.caseId)?.value;
    if (caseId && facts.caseId === undefined) {
      facts.caseId = caseId;
      ctx.mapped('caseId', r, 'identifier');
    }
    const insurer = ctx.resolve<Organization>(claim.insurer, 'Organization');
    const payer = insurer && identifierIn(insurer.resource.identifier, SYSTEM.payerProfile);
    if (insurer && payer && facts.payer === undefined) {
      facts.payer = payer;
      ctx.mapped('payer', insurer, `identifier (system ${SYSTEM.payerProfile})`);
    }
    for (const t of claim.careTeam ?? []) if (ctx.resolve<Organization>(t.provider, 'Organization')) facts.careTeamOrganizations.push(t.provider);
    const types = (claim.diagnosis ?? []).map((d) => codingIn(d.type?.[0], SYSTEM.x12DiagnosisType)?.code);
    if (types.length && types.every((t) => t !== undefined && t !== 'ABK')) facts.noPrincipal = true;
    const priority = claim.priority?.coding?.[0]?.code;
    if (priority && request.urgency === undefined) {
      request.urgency = priority === 'stat' ? 'expedited' : 'standard';
      ctx.mapped('request.urgency', r, 'priority');
      if (request.urgency === 'expedited') {
        request.expeditedReason = null;
        ctx.gap('request.expeditedReason', "the claim's priority is stat, and FHIR does not carry why a standard review would harm the patient");
      }
    }
    const used = new Set<number>();
    const order: number[] = [];
    (claim.item ?? []).forEach((line, i) => {
      const code = [codingIn(line.productOrService, HCPCS_SYSTEMS), codingIn(line.productOrService, SYSTEM.cpt), codingIn(line.productOrService, SYSTEM.ndc)].find(Boolean)?.code;
      // Each line to its own item: two lines with the same code go to two items, in order.
      const index = items.findIndex((item, n) => !used.has(n) && code !== undefined && (item.hcpcs === code || item.cpt === code || item.ndc === code));
      if (index < 0) {
        ctx.ignore(r, 'the claim line matches no requested item by its code', `item[${i}]`);
        return;
      }
      used.add(index);
      order.push(index);
      const item = items[index]!;
      const cert = line.extension?.find((e) => e.url === PAS_EXTENSION.certificationType)?.valueCodeableConcept;
      const kind = KIND_BY_CERTIFICATION[codingIn(cert, SYSTEM.x12CertificationType)?.code ?? ''];
      if (kind && request.kind === undefined) {
        request.kind = kind;
        ctx.mapped('request.kind', r, `item[${i}].extension(certificationType)`);
      }
      const pos = codingIn(line.locationCodeableConcept, SYSTEM.placeOfService)?.code;
      if (pos && request.placeOfService === undefined) {
        request.placeOfService = pos;
        ctx.mapped('request.placeOfService', r, `item[${i}].locationCodeableConcept`);
      }
      const modifiers = (line.modifier ?? []).map((m) => m.coding?.[0]?.code).filter((m): m is string => typeof m === 'string');
      if (modifiers.length) {
        item.modifiers = modifiers;
        ctx.mapped(`items[${index}].modifiers`, r, `item[${i}].modifier`);
      }
      const q = line.quantity?.value;
      if (q !== undefined && Number.isInteger(q) && q > 0 && item.quantity === undefined) {
        item.quantity = q;
        ctx.mapped(`items[${index}].quantity`, r, `item[${i}].quantity`);
      }
      const unit = line.quantity?.unit?.trim();
      if (unit && item.unit === undefined) {
        item.unit = unit.slice(0, 40);
        ctx.mapped(`items[${index}].unit`, r, `item[${i}].quantity.unit`);
      }
    });
    // The claim's lines give the order of the request (the letter lists the items in it); unmatched items follow.
    const reordered = [...order, ...items.keys()].filter((n, k, all) => all.indexOf(n) === k).map((n) => items[n]!);
    items.splice(0, items.length, ...reordered);
  }
  return facts;
}
