// Turns evaluated criteria of the given kinds into findings, quoting the payer's criterion and the case's evidence.
import type { CriterionCheck, CriterionStatus } from '../coverage/criterion-checks.js';
import type { Finding, RuleContext } from './rule.js';

export function criterionFindings(ctx: RuleContext, checks: readonly CriterionCheck[], status: CriterionStatus = 'not-met', hint?: string): Finding[] {
  const policy = ctx.payer.policy ? `${ctx.payer.policy.number}` : ctx.payer.displayName;
  return ctx.criteria
    .filter((o) => checks.includes(o.criterion.check) && o.result.status === status)
    .map((o) => ({
      path: o.result.paths[0] ?? [],
      message: `${status === 'not-met' ? 'Not met' : 'Not shown'} under ${policy}: "${o.criterion.text}" ${o.result.evidence}${o.criterion.unconfirmed ? ` (Unconfirmed criterion: ${o.criterion.unconfirmed})` : ''}`,
      // An unconfirmed criterion is never acted on as settled: it can warn, never block.
      ...(o.criterion.unconfirmed && status === 'not-met' ? { severity: 'warning' as const } : {}),
      ...(hint ? { hint } : {}),
    }));
}
