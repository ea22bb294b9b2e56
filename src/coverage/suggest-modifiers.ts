// Computes the modifiers a claim line should carry under the payer's modifier rules (Medicare E0766: KF, plus KX
// when every criterion is met, GA when one is not met and an ABN is on file, else GZ; ABN modifiers only for
// Medicare fee-for-service).
import type { PayerProfileData } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import type { CriterionOutcome } from './evaluate-criteria.js';

/** Modifiers that go with an Advance Beneficiary Notice (form CMS-R-131), an Original Medicare instrument (a CMS memo:
 * "the ABN requirements in the statute and regulations do not apply in the Medicare Advantage context"; research
 * notes §2c): never suggested for other claims. */
export const ABN_MODIFIERS: readonly string[] = ['GA', 'GZ'];

export interface ModifierSuggestion {
  item: number;
  code: string;
  suggested: string[];
  listed: string[];
  /** Why the exclusive modifier was chosen, for the report. */
  reason?: string;
  /** Criteria the case does not show yet (by id): KX is suggested for when they are documented, not before. */
  pending?: string[];
}

/** Whether the case's claim is a Medicare fee-for-service claim, where ABNs (GA, GZ) exist. */
export const isFeeForService = (c: Case): boolean => c.coverage.lineOfBusiness === 'medicare-ffs';

export function suggestModifiers(c: Case, payer: PayerProfileData, criteria: readonly CriterionOutcome[]): ModifierSuggestion[] {
  const rules = payer.modifiers;
  if (rules.required.length === 0 && rules.exactlyOneOf.length === 0) return [];
  const out: ModifierSuggestion[] = [];
  const exclusive = rules.exactlyOneOf.filter((m) => isFeeForService(c) || !ABN_MODIFIERS.includes(m));
  c.items.forEach((item, i) => {
    if (!item.hcpcs || (payer.appliesTo.length > 0 && !payer.appliesTo.includes(item.hcpcs))) return;
    const suggested = [...rules.required];
    const choice = exclusive.length > 0 ? chooseExclusive(c, rules.kxWhenCriteriaMet, exclusive, criteria) : undefined;
    if (choice?.modifier) suggested.push(choice.modifier);
    // Modifiers the case lists that the rules neither require nor exclude (LT, RR ...) stay as listed.
    for (const m of item.modifiers) if (!suggested.includes(m) && !rules.exactlyOneOf.includes(m)) suggested.push(m);
    out.push({ item: i, code: item.hcpcs, suggested, listed: item.modifiers, ...(choice?.reason ? { reason: choice.reason } : {}), ...(choice?.pending?.length ? { pending: choice.pending } : {}) });
  });
  return out;
}

/**
 * KX, GA or GZ. Only confirmed criteria decide (an unconfirmed one is named, never acted on). A criterion the case
 * merely does not show is a document to obtain: the suggestion stays KX, to be billed once it is in the record, as a
 * DME biller would (A52711: KX attests the criteria are met and documented; GZ would concede a denial the record
 * may not deserve). GA and GZ only when a criterion is not met, GA only with an ABN on file.
 */
function chooseExclusive(c: Case, kxWhenMet: boolean, exclusive: readonly string[], criteria: readonly CriterionOutcome[]): { modifier?: string; reason: string; pending?: string[] } {
  if (criteria.length === 0) return { reason: 'the payer profile has no coverage criteria for this request, so none of ' + exclusive.join(', ') + ' is suggested: choose from the medical record' };
  const decisive = criteria.filter((o) => !o.criterion.unconfirmed);
  const ids = (status: string, list = decisive) => list.filter((o) => o.result.status === status).map((o) => o.criterion.id);
  const unsure = criteria.filter((o) => o.criterion.unconfirmed && o.result.status !== 'met').map((o) => o.criterion.id);
  const aside = unsure.length ? `; not counted, their wording unconfirmed: ${unsure.join(', ')}` : '';
  const notMet = ids('not-met');
  if (notMet.length > 0) {
    const why = `not met: ${notMet.join(', ')}`;
    if (exclusive.includes('GA') && c.orders?.abn?.onFile) return { modifier: 'GA', reason: `${why}; an ABN is on file${aside}` };
    if (exclusive.includes('GZ')) return { modifier: 'GZ', reason: `${why}; no ABN is on file${aside}` };
    return { reason: `${why}; GA and GZ go with an ABN, which exists only for Medicare fee-for-service, so no exclusive modifier is suggested${aside}` };
  }
  if (kxWhenMet && exclusive.includes('KX')) {
    const open = decisive.filter((o) => o.result.status === 'unknown');
    // Each with the document kinds that show it, so the coordinator knows what to obtain.
    const wanted = open.map((o) => `${o.criterion.id}${o.criterion.evidence.length ? ` (${o.criterion.evidence.join(' or ')})` : ''}`);
    if (open.length > 0) return { modifier: 'KX', pending: open.map((o) => o.criterion.id), reason: `KX once documented: the case does not show ${wanted.join(', ')}; put the documents in the record before billing with KX${aside}` };
    return { modifier: 'KX', reason: `every coverage criterion is met${aside}` };
  }
  return { modifier: exclusive[0]!, reason: 'the first modifier the payer profile lists' };
}
