// Check 7: the policy covers supratentorial tumors only (a `supratentorial` criterion applies to the case) and the
// tumor is explicitly infratentorial (`clinical.supratentorial: false`, a cerebellum or brain-stem site, C71.6/C71.7):
// an error, since the policy excludes it. A site the case does not state is a warning: it is "not shown", never met.
import { criterionFindings } from '../criterion-findings.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'infratentorial-site',
  severity: 'error',
  summary: 'The policy covers supratentorial tumors only and the tumor is infratentorial (`clinical.supratentorial: false`, a cerebellum or brain-stem site, C71.6/C71.7); a site not stated is a warning.',
  check(ctx) {
    return [
      ...criterionFindings(ctx, ['supratentorial'], 'not-met', 'Check the tumor site against the imaging and pathology reports; the policy covers supratentorial tumors only, so an infratentorial tumor is outside it.'),
      ...criterionFindings(ctx, ['supratentorial'], 'unknown', 'Set `clinical.supratentorial` (and `clinical.tumorSite`) from the imaging or pathology report.').map((f) => ({ ...f, severity: f.severity ?? ('warning' as const) })),
    ];
  },
};
