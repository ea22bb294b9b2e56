// Reads what a prior-authorization Claim (Da Vinci PAS, `use: preauthorization`) adds to the requested items: each
// claim line's modifiers and quantity, matched to the imported item by its code, and the claim's priority.
import type { Claim } from '@medplum/fhirtypes';
import { HCPCS_SYSTEMS, SYSTEM } from './fhir-systems.js';
import { codingIn } from './fhir-values.js';
import type { ImportContext } from './import-context.js';

export function mapClaim(ctx: ImportContext, items: Record<string, unknown>[], request: Record<string, unknown>): void {
  for (const r of ctx.ofType<Claim>('Claim')) {
    const claim = r.resource;
    if (claim.use !== 'preauthorization' || claim.status === 'cancelled' || claim.status === 'entered-in-error') {
      ctx.ignore(r, 'only an active prior-authorization Claim (use preauthorization) adds to the request', 'use');
      continue;
    }
    ctx.touch(r);
    const priority = claim.priority?.coding?.[0]?.code;
    if (priority && request.urgency === undefined) {
      request.urgency = priority === 'stat' ? 'expedited' : 'standard';
      ctx.mapped('request.urgency', r, 'priority');
      if (request.urgency === 'expedited') {
        request.expeditedReason = null;
        ctx.gap('request.expeditedReason', "the claim's priority is stat, and FHIR does not carry why a standard review would harm the patient");
      }
    }
    (claim.item ?? []).forEach((line, i) => {
      const code = [codingIn(line.productOrService, HCPCS_SYSTEMS), codingIn(line.productOrService, SYSTEM.cpt), codingIn(line.productOrService, SYSTEM.ndc)].find(Boolean)?.code;
      const index = items.findIndex((item) => code !== undefined && (item.hcpcs === code || item.cpt === code || item.ndc === code));
      if (index < 0) {
        ctx.ignore(r, 'the claim line matches no requested item by its code', `item[${i}]`);
        return;
      }
      const item = items[index]!;
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
    });
  }
}
