// Check 13: prior therapies without an end date (and not ongoing): the "no proof of prior treatment" denial.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'prior-therapy-incomplete',
  severity: 'error',
  summary: 'A prior therapy that is not ongoing but has no end date, or a request with no prior-therapy history at all.',
  check({ case: c }) {
    // `noPriorTherapy: true` is the clinician's statement that there was none: nothing is missing.
    if (c.priorTherapies.length === 0 && c.noPriorTherapy !== true) {
      return [{ severity: 'warning', path: ['priorTherapies'], message: 'The case lists no prior therapy; a payer whose policy asks for prior treatment denies a request that shows none.', hint: 'Add the prior treatments, oldest first, with dates and outcomes, or set `noPriorTherapy: true` if the patient has had none.' }];
    }
    return c.priorTherapies.flatMap((t, i) =>
      t.stoppedBecause !== 'ongoing' && !t.end
        ? [{ path: ['priorTherapies', i, 'end'], message: `Prior therapy ${i + 1} ("${t.name}") is marked \`stoppedBecause: ${t.stoppedBecause}\` but has no end date.`, hint: 'Add `end` from the treatment record, or set `stoppedBecause: ongoing`.' }]
        : [],
    );
  },
};
