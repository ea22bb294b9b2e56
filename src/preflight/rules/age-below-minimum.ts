// Check 10: the patient is younger than the policy's minimum age (22 on the FDA label; 18 in BCBSA-based policies).
import { criterionFindings } from '../criterion-findings.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'age-below-minimum',
  severity: 'warning',
  summary: 'The patient is younger than the policy\'s minimum age (22 per the FDA label, 18 in BCBSA-based policies).',
  check: (ctx) => criterionFindings(ctx, ['age-minimum'], 'not-met', 'Check the date of birth; a younger patient needs an off-label justification.'),
};
