// Check 2: an HCPCS code authpack's table does not know, or one not in effect on the requested start date.
import { CODE_TABLE_CHECKED, findCode, inEffect } from '../../codes/code-table.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'hcpcs-unknown',
  severity: 'warning',
  summary: 'An HCPCS code not in authpack\'s code table (cannot be checked), or not in effect on the requested start date.',
  check({ case: c }) {
    return c.items.flatMap((item, i) => {
      if (!item.hcpcs) return [];
      const entry = findCode('HCPCS', item.hcpcs);
      if (!entry) {
        return [{ path: ['items', i, 'hcpcs'], message: `HCPCS ${item.hcpcs} is not in authpack's code table (checked ${CODE_TABLE_CHECKED}), so it cannot be checked here.`, hint: 'Confirm the code and its descriptor against the current quarterly HCPCS file.' }];
      }
      if (!inEffect(entry, c.request.requestedStart)) {
        return [{ severity: 'error' as const, path: ['items', i, 'hcpcs'], message: `HCPCS ${entry.code} is not in effect on the requested start date (${c.request.requestedStart}; in effect ${entry.effective ?? '…'} to ${entry.ends ?? 'now'}).`, hint: 'Use the code in effect on the date of service.' }];
      }
      return [];
    });
  },
};
