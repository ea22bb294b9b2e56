// A packet that cannot be faxed: the payer takes faxes (or how it takes requests is not known) and neither the case
// nor the payer profile gives its fax number, so the cover sheet would not say where the packet goes.
import type { Rule } from '../rule.js';

const FAXED = new Set(['fax', 'unknown']);

export const rule: Rule = {
  id: 'payer-fax-missing',
  severity: 'warning',
  summary: "No payer fax number: neither the case (`coverage.payerFax`) nor the payer profile gives one, and the payer's channel is fax or not known.",
  check({ case: c, payer }) {
    if (c.coverage.payerFax || payer.fax || !FAXED.has(payer.submission.channel)) return [];
    return [
      {
        path: ['coverage', 'payerFax'],
        message: `No fax number is known for the payer: the case gives no \`coverage.payerFax\` and the payer profile ${payer.id} has none, so the cover sheet names the field to fill instead of a number.`,
        hint: "Add `coverage.payerFax` with the plan's prior-authorization fax number (from the member's card or the plan's provider manual). If the plan takes this request by portal, no fax number is needed.",
      },
    ];
  },
};
