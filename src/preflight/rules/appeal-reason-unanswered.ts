// An appeal that leaves a stated denial reason unanswered: the reason names no criterion and has no response and no
// evidence, so the appeal letter can only say that the case gives no answer to it.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'appeal-reason-unanswered',
  severity: 'warning',
  summary: 'A denial reason of an appeal has no `criteria`, no `response` and no `evidence`: the appeal letter says the case gives no answer to it.',
  check({ case: c }) {
    if (c.request.kind !== 'appeal' || !c.denial) return [];
    return c.denial.reasons.flatMap((r, i) =>
      r.criteria.length === 0 && !r.response && r.evidence.length === 0
        ? [{
            path: ['denial', 'reasons', i],
            message: `Denial reason ${i + 1} is not answered: it names no payer criterion, and gives no response and no evidence, so the appeal letter can only say that the case gives no answer to it.`,
            hint: "Add the prescriber's `response`, the payer `criteria` the reason concerns, or the `evidence` enclosures (with pages) that answer it.",
          }]
        : [],
    );
  },
};
