// Check 18: a fax packet over the payer's page limit (200 pages cause fax problems; use mail or the portal).
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'fax-page-budget',
  severity: 'warning',
  summary: 'The packet has more pages than the payer\'s fax limit (200 by default).',
  needsPages: true,
  check({ payer, pages }) {
    const max = payer.submission.maxFaxPages;
    if (pages === undefined || pages <= max) return [];
    return [{ message: `The packet has ${pages} pages, more than the ${max} a fax to ${payer.displayName} should carry.`, hint: 'Send it by the payer\'s portal or by mail, or split it into separate transmissions.' }];
  },
};
