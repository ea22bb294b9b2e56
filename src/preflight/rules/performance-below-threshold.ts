// Check 8: Karnofsky or ECOG score below the payer's threshold (KPS 70 Medicare/Anthem/BCBSA; 60 UHC-recurrent/Centene).
import { criterionFindings } from '../criterion-findings.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'performance-below-threshold',
  severity: 'error',
  summary: 'KPS or ECOG performance status below the payer\'s threshold.',
  check: (ctx) => criterionFindings(ctx, ['performance-status'], 'not-met', 'Attach a current performance assessment, or confirm the threshold in the payer\'s policy.'),
};
