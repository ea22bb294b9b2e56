// Rental versus purchase: the case asks for a basis the payer does not pay for this item (E0766 is rental only
// under Medicare: frequent and substantial servicing, A52711).
import { appliesToCase } from '../../coverage/evaluate-criteria.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'payment-category-mismatch',
  severity: 'error',
  summary: 'Rental versus purchase does not match the payer\'s payment category for the item (E0766: monthly rental under Medicare).',
  check({ case: c, payer }) {
    if (payer.paymentCategory === 'either' || !appliesToCase(c, payer)) return [];
    return c.items.flatMap((item, i) =>
      item.hcpcs && payer.appliesTo.includes(item.hcpcs) && item.acquisition && item.acquisition !== payer.paymentCategory
        ? [{ path: ['items', i, 'acquisition'], message: `${payer.displayName} pays for ${item.hcpcs} as a ${payer.paymentCategory} only; the case asks for a ${item.acquisition}.`, hint: `Set \`acquisition: ${payer.paymentCategory}\`.` }]
        : [],
    );
  },
};
