// Check 3: supplies billed beside the device whose monthly fee includes them, and codes the payer rejects as invalid.
import { findCode } from '../../codes/code-table.js';
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'accessories-unbundled',
  severity: 'error',
  summary: 'A supply billed on its own line beside the device that includes it (A4555 with E0766), or a code the payer rejects as invalid.',
  check({ case: c, payer }) {
    const codes = new Set(c.items.map((i) => i.hcpcs).filter(Boolean));
    const out: Finding[] = [];
    c.items.forEach((item, i) => {
      if (!item.hcpcs) return;
      const entry = findCode('HCPCS', item.hcpcs);
      if (entry?.supplyFor && codes.has(entry.supplyFor)) {
        out.push({ path: ['items', i], message: `${entry.code} (${entry.description}) is included in the monthly fee of ${entry.supplyFor}; billing it separately is denied as unbundling.`, hint: `Remove the ${entry.code} line.` });
      } else if (payer.modifiers.invalidCodes.includes(item.hcpcs)) {
        out.push({ path: ['items', i, 'hcpcs'], message: `${payer.displayName} rejects ${item.hcpcs} as an invalid code.`, hint: `Remove the ${item.hcpcs} line; ${entry?.supplyFor ? `supplies are included in ${entry.supplyFor}` : 'check the payer\'s billing article'}.` });
      }
    });
    return out;
  },
};
