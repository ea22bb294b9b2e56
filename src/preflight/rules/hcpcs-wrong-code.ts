// Check 1: a code the table knows is wrong for this kind of case (E0711, E0745, E0760 … on a cancer case).
import { findCode, isNeoplasm } from '../../codes/code-table.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'hcpcs-wrong-code',
  severity: 'error',
  summary: 'A device code that is wrong for a cancer diagnosis (E0711, E0745, E0760, E0764, E0765): names the right code (E0766).',
  check({ case: c }) {
    const cancer = c.diagnoses.some((d) => isNeoplasm(d.code));
    return c.items.flatMap((item, i) => {
      const entry = item.hcpcs ? findCode('HCPCS', item.hcpcs) : undefined;
      if (!cancer || !entry?.wrongFor) return [];
      return [{
        path: ['items', i, 'hcpcs'],
        message: `${entry.code} is the wrong code for this request: ${entry.wrongFor.reason}`,
        hint: `If the item is ${findCode('HCPCS', entry.wrongFor.use)?.description ?? 'the one the code table names'}, change \`hcpcs\` to ${entry.wrongFor.use}.`,
      }];
    });
  },
};
