// Check 12a: a continuation without usage data, or with average use below the threshold (18 h/day, 75 %).
import { findCode } from '../../codes/code-table.js';
import type { Case } from '../../validate/case-schema.js';
import { criterionFindings } from '../criterion-findings.js';
import type { Rule } from '../rule.js';
import { coverageKind } from '../../appeal/coverage-kind.js';

export const rule: Rule = {
  id: 'continuation-usage',
  severity: 'error',
  summary: 'Continuation: no device usage report, or average use below the threshold (18 h/day, 75 %).',
  check(ctx) {
    const findings = criterionFindings(ctx, ['usage-threshold'], 'not-met', 'Attach the device usage reports for the whole period (`followUp.usageReports`).');
    // Without a usage criterion in the profile, a continuation still needs usage data to argue adherence. A profile
    // criterion documented by the usage report (PAP adherence as a measurement of nights used) is such a criterion:
    // it says itself whether the case shows adherence.
    const judged = ctx.criteria.some((o) => o.criterion.check === 'usage-threshold' || o.criterion.evidence.includes('usage-report'));
    if (coverageKind(ctx.case) === 'continuation' && requestsDevice(ctx.case) && ctx.case.followUp.usageReports.length === 0 && !judged) {
      findings.push({ severity: 'warning', path: ['followUp', 'usageReports'], message: 'This continuation request has no device usage data (`followUp.usageReports` is empty).', hint: 'Add `followUp.usageReports` from the device\'s usage report.' });
    }
    return findings;
  },
};

/** Usage reports come from a device: a drug or a procedure has none to attach. An HCPCS code the table does not
 * know counts as a device when it is in the durable-equipment, orthotic or temporary-device ranges (E, K, L). */
function requestsDevice(c: Case): boolean {
  return c.items.some((item) => {
    if (!item.hcpcs || item.ndc) return false;
    const category = findCode('HCPCS', item.hcpcs)?.category;
    return category ? category.includes('device') : /^[EKL]/i.test(item.hcpcs);
  });
}
