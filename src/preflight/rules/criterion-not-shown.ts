// A payer criterion the case cannot show either way: the letter will say "not documented", never "met".
import { criterionFindings } from '../criterion-findings.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'criterion-not-shown',
  severity: 'warning',
  summary: 'A payer criterion the case gives no evidence for; the letter marks it "not documented".',
  check(ctx) {
    // Rules of their own speak for these; `indication-not-covered` does for the indication when the profile lists any.
    const own = ['supratentorial', 'wear-commitment', 'training', ...(ctx.payer.indications.length ? ['covered-indication'] : [])];
    const checks = ctx.criteria.map((o) => o.criterion.check).filter((c) => !own.includes(c));
    return criterionFindings(ctx, checks, 'unknown', 'Add the case field or the enclosed record that shows it.');
  },
};
