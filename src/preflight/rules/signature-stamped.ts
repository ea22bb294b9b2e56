// Check 16: a stamped signature (not accepted by Medicare contractors and most payers) or a missing written order date.
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'signature-stamped',
  severity: 'error',
  summary: 'A stamped signature on the letter; an order with no valid signature is disregarded.',
  check({ case: c }) {
    const out: Finding[] = [];
    if (c.signature.method === 'stamp') {
      out.push({ path: ['signature', 'method'], message: 'The letter is signed with a stamp; signature stamps are not accepted (Medicare allows them only under the Rehabilitation Act exception).', hint: 'Sign by hand (`method: wet`) or electronically (`method: electronic`).' });
    }
    return out;
  },
};
