// A denial reason names a criterion id the payer profile does not have: the letter cannot answer it with that
// criterion's evidence.
import { suggestSimilar } from '../../diagnostics/suggest-similar.js';
import type { PayerProfile } from '../../payers/payer-schema.js';
import type { Finding, Rule } from '../rule.js';

/** Every criterion id of the profile, for either request kind and every indication. */
export function profileCriterionIds(payer: PayerProfile): string[] {
  const ids = new Set<string>();
  const add = (k: { initial: { id: string }[]; continuation: { id: string }[] }) => [...k.initial, ...k.continuation].forEach((c) => ids.add(c.id));
  add(payer.criteria);
  for (const i of payer.indications ?? []) add(i.criteria);
  return [...ids];
}

export const rule: Rule = {
  id: 'appeal-unknown-criterion',
  severity: 'warning',
  summary: "A denial reason's criterion id (`denial.reasons[].criteria`) is not a criterion of the payer profile; the closest id is suggested.",
  check({ case: c, payer }) {
    if (!c.denial) return [];
    const ids = profileCriterionIds(payer);
    const out: Finding[] = [];
    c.denial.reasons.forEach((r, i) =>
      r.criteria.forEach((id, j) => {
        if (ids.includes(id)) return;
        const near = suggestSimilar(id, ids);
        const list = ids.length === 0 ? `The profile ${payer.id} has no criteria; remove the id.` : ids.length <= 12 ? `Its criteria: ${ids.join(', ')}.` : `\`authpack payers --criteria ${payer.id}\` lists its ${ids.length} criteria.`;
        out.push({
          path: ['denial', 'reasons', i, 'criteria', j],
          message: `Denial reason ${i + 1} names criterion "${id}", which the payer profile ${payer.id} does not have, so the letter cannot answer the reason with that criterion's evidence.`,
          hint: `${near ? `Did you mean "${near}"? ` : ''}${list}`,
        });
      }),
    );
    return out;
  },
};
