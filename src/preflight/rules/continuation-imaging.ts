// Check 12b: a continuation without recent imaging, with imaging older than the policy allows, or showing progression.
import { criterionFindings } from '../criterion-findings.js';
import type { Rule } from '../rule.js';
import { coverageKind } from '../../appeal/coverage-kind.js';

export const rule: Rule = {
  id: 'continuation-imaging',
  severity: 'error',
  summary: 'Continuation: no recent MRI, an MRI older than the policy allows, or progression on it.',
  check: (ctx) => (coverageKind(ctx.case) === 'continuation' ? criterionFindings(ctx, ['recent-imaging', 'no-progression'], 'not-met', 'Attach the latest MRI report (`clinical.latestImaging`).') : []),
};
