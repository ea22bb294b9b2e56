// Computes the modifiers a claim line should carry under the payer's modifier rules (Medicare E0766: KF, plus KX
// when every criterion is met, else GA with an ABN on file, else GZ).
import type { PayerProfileData } from '../payers/payer-schema.js';
import type { Case } from '../validate/case-schema.js';
import type { CriterionOutcome } from './evaluate-criteria.js';

export interface ModifierSuggestion {
  item: number;
  code: string;
  suggested: string[];
  listed: string[];
  /** Why the exclusive modifier was chosen, for the report. */
  reason?: string;
}

export function suggestModifiers(c: Case, payer: PayerProfileData, criteria: readonly CriterionOutcome[]): ModifierSuggestion[] {
  const rules = payer.modifiers;
  if (rules.required.length === 0 && rules.exactlyOneOf.length === 0) return [];
  const out: ModifierSuggestion[] = [];
  c.items.forEach((item, i) => {
    if (!item.hcpcs || (payer.appliesTo.length > 0 && !payer.appliesTo.includes(item.hcpcs))) return;
    const suggested = [...rules.required];
    let reason: string | undefined;
    if (rules.exactlyOneOf.length > 0) {
      const [kx, ga, gz] = ['KX', 'GA', 'GZ'].map((m) => rules.exactlyOneOf.includes(m));
      const allMet = criteria.length > 0 && criteria.every((o) => o.result.status === 'met');
      if (rules.kxWhenCriteriaMet && kx && allMet) {
        suggested.push('KX');
        reason = 'every coverage criterion is met';
      } else if (ga && c.orders?.abn?.onFile) {
        suggested.push('GA');
        reason = 'not every criterion is met and an ABN is on file';
      } else if (gz) {
        suggested.push('GZ');
        reason = 'not every criterion is met and no ABN is on file';
      } else suggested.push(rules.exactlyOneOf[0]!);
    }
    // Modifiers the case lists that the rules neither require nor exclude (LT, RR ...) stay as listed.
    for (const m of item.modifiers) if (!suggested.includes(m) && !rules.exactlyOneOf.includes(m)) suggested.push(m);
    out.push({ item: i, code: item.hcpcs, suggested, listed: item.modifiers, ...(reason ? { reason } : {}) });
  });
  return out;
}
