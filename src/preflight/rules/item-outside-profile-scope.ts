// An item the payer profile's policy is not about (a CPAP request under a tumor treating fields profile): the
// profile's criteria are not applied to it, and the letter cites no policy for it.
import { itemCodeLabel } from '../../coverage/item-code-label.js';
import { coversEverything, describeScope, inScope } from '../../coverage/profile-scope.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'item-outside-profile-scope',
  severity: 'warning',
  summary: "An item outside the codes or device families the payer profile covers (`authpack payers` shows each profile's scope): its policy is not applied to it or cited for it.",
  check({ case: c, payer }) {
    if (coversEverything(payer)) return [];
    const policy = payer.policy ? `policy ${payer.policy.number}` : 'its criteria';
    return c.items.flatMap((item, i) =>
      inScope(item, payer)
        ? []
        : [{
            path: ['items', i],
            message: `Item ${i + 1} (${itemCodeLabel(item)}) is outside what payer profile ${payer.id} covers (${describeScope(payer)}): ${policy} is not applied to it, and the letter does not cite it for this item.`,
            hint: `Choose a payer profile for this item with \`payer:\` (\`authpack payers\` lists each profile's scope; generic-commercial covers every item), or send it as a separate request.`,
          }],
    );
  },
};
