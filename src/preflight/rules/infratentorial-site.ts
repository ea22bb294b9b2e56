// Check 7: the tumor is infratentorial (C71.6 cerebellum, C71.7 brain stem) or its site is not stated.
import { criterionFindings } from '../criterion-findings.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'infratentorial-site',
  severity: 'warning',
  summary: 'Supratentorial site not shown: C71.6/C71.7 are infratentorial; C71.8/C71.9 need the site stated (`clinical.supratentorial`).',
  check(ctx) {
    return [
      ...criterionFindings(ctx, ['supratentorial'], 'not-met', 'Check the tumor site; the policy covers supratentorial tumors only.'),
      ...criterionFindings(ctx, ['supratentorial'], 'unknown', 'Set `clinical.supratentorial` from the imaging or pathology report.'),
    ];
  },
};
