// Check 12a: a continuation without usage data, or with average use below the threshold (18 h/day, 75 %).
import { criterionFindings } from '../criterion-findings.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'continuation-usage',
  severity: 'error',
  summary: 'Continuation: no device usage report, or average use below the threshold (18 h/day, 75 %).',
  check(ctx) {
    const findings = criterionFindings(ctx, ['usage-threshold'], 'not-met', 'Attach the device usage reports for the whole period (`followUp.usageReports`).');
    // Without a usage criterion in the profile, a continuation still needs usage data to argue adherence.
    if (ctx.case.request.kind === 'continuation' && ctx.case.followUp.usageReports.length === 0 && !ctx.criteria.some((o) => o.criterion.check === 'usage-threshold')) {
      findings.push({ severity: 'warning', path: ['followUp', 'usageReports'], message: 'This continuation request has no device usage data (`followUp.usageReports` is empty).', hint: 'Add `followUp.usageReports` from the device\'s usage report.' });
    }
    return findings;
  },
};
