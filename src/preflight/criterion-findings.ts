// Turns evaluated criteria of the given kinds into findings, quoting the payer's criterion and the case's evidence.
// A criterion the profile marks `unconfirmed` (the policy may not say it) is never acted on as settled: not met is a
// warning, not shown is a note.
import { asSentence } from '../diagnostics/show-text.js';
import type { CriterionCheck, CriterionStatus } from '../coverage/criterion-checks.js';
import type { Finding, RuleContext } from './rule.js';

export function criterionFindings(ctx: RuleContext, checks: readonly CriterionCheck[], status: CriterionStatus = 'not-met', hint?: string): Finding[] {
  const policy = ctx.payer.policy ? `${ctx.payer.policy.number}` : ctx.payer.displayName;
  return ctx.criteria
    .filter((o) => checks.includes(o.criterion.check) && o.result.status === status)
    .map((o) => {
      // A figure missing from the profile is the profile's gap, not the case's: say where to add it.
      const own = o.result.profileGap
        ? `Add the figure the policy gives to the payer profile ${ctx.payer.id} (${o.result.profileGap.map((f) => `\`${f}\``).join(' or ')}), or judge this criterion by hand before sending.`
        : o.criterion.check === 'attested' && status === 'unknown'
          ? `Once the clinician confirms it, add \`attestations.${o.criterion.id}\` with the clinician's own words; the letter prints them as the evidence.`
          : hint;
      const unconfirmed = o.criterion.unconfirmed ? ` The profile marks this criterion unconfirmed: ${asSentence(o.criterion.unconfirmed)}` : '';
      return {
        path: o.result.paths[0] ?? [],
        message: `${status === 'not-met' ? 'Not met' : 'Not shown'} under ${policy}: "${o.criterion.text}" ${o.result.evidence}${o.result.note ? ` ${o.result.note}` : ''}${unconfirmed}`,
        ...(own ? { hint: own } : {}),
        ...(o.criterion.unconfirmed ? { severity: status === 'not-met' ? ('warning' as const) : ('info' as const) } : {}),
      };
    });
}
