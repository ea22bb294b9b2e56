// Any other payer criterion the case shows is not met (indication, histology, temozolomide, contraindications …).
import type { CriterionCheck } from '../../coverage/criterion-checks.js';
import { criterionFindings } from '../criterion-findings.js';
import type { Rule } from '../rule.js';
import { coverageKind } from '../../appeal/coverage-kind.js';

/** Checks that have a rule of their own. */
export const CHECKS_WITH_OWN_RULE: readonly CriterionCheck[] = [
  'covered-indication', 'supratentorial', 'performance-status', 'surgery-or-biopsy', 'chemoradiation-completed', 'start-within-weeks-of-chemoradiation',
  'age-minimum', 'wear-commitment', 'training', 'usage-threshold', 'recent-imaging', 'no-progression', 'reevaluation-window',
];

export const rule: Rule = {
  id: 'criterion-not-met',
  severity: 'error',
  summary: 'A payer criterion the case shows is not met (and no more specific rule covers it).',
  check(ctx) {
    const others = ctx.criteria.map((o) => o.criterion.check).filter((c) => !CHECKS_WITH_OWN_RULE.includes(c) || (c === 'no-progression' && coverageKind(ctx.case) !== 'continuation'));
    return criterionFindings(ctx, others, 'not-met', 'Correct the case if it is wrong; otherwise expect a denial on this criterion.');
  },
};
