// A criterion judged met on a reading a person should confirm: a WHO 2021 (CNS5) tumor name that the policy, written
// earlier, calls by the old name ("Astrocytoma, IDH-mutant, CNS WHO grade 4" for "WHO grade IV astrocytoma").
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'criterion-caveat',
  severity: 'warning',
  summary: 'A criterion met on a reading to confirm with the payer, e.g. the WHO 2021 name "Astrocytoma, IDH-mutant, CNS WHO grade 4" for the policy\'s "WHO grade IV astrocytoma".',
  check(ctx) {
    const policy = ctx.payer.policy ? ctx.payer.policy.number : ctx.payer.displayName;
    return ctx.criteria
      .filter((o) => o.result.status === 'met' && o.result.caveat)
      .map((o) => ({
        path: o.result.paths[0] ?? [],
        message: `Met under ${policy} on a reading to confirm: "${o.criterion.text}" ${o.result.evidence} ${o.result.caveat!}`,
        hint: "Check the payer's reading of it (the plan's medical director or policy FAQ); the letter names both terms.",
      }));
  },
};
