// Check 6: the diagnosis and disease status fall under an indication this payer does not cover, or calls investigational.
import { matchIndication } from '../../coverage/match-indication.js';
import { appliesToCase } from '../../coverage/evaluate-criteria.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'indication-not-covered',
  severity: 'error',
  summary: 'The diagnosis is an indication the payer does not cover (error) or considers investigational (warning), e.g. recurrent GBM under Medicare L34823.',
  check({ case: c, payer }) {
    if (payer.indications.length === 0 || !appliesToCase(c, payer)) return [];
    const policy = payer.policy ? `${payer.policy.number} (${payer.policy.title})` : payer.displayName;
    const m = matchIndication(c, payer);
    if (!m) {
      return [{ severity: 'warning', path: ['diagnoses'], message: `The diagnosis (${c.diagnoses.map((d) => d.code).join(', ')}${c.clinical?.diseaseStatus ? `, ${c.clinical.diseaseStatus}` : ''}) is not among the indications ${policy} lists.`, hint: 'Check the diagnosis codes and disease status, or the payer\'s policy for this indication.' }];
    }
    const { indication } = m;
    const caveat = indication.unconfirmed ? ` (Unconfirmed: ${indication.unconfirmed})` : '';
    if (indication.coverage === 'not-covered') {
      return [{ path: ['diagnoses', m.diagnosisIndex], message: `${indication.label} is not covered under ${policy}.${indication.note ? ` ${indication.note}` : ''}${caveat}`, hint: payer.modifiers.exactlyOneOf.includes('GA') ? 'Expect a denial: give the patient an ABN and bill with GA, or GZ without one; consider the appeal route.' : 'Expect a denial; consider whether another indication applies, or the appeal route.' }];
    }
    if (indication.coverage === 'investigational') {
      return [{ severity: 'warning', path: ['diagnoses', m.diagnosisIndex], message: `${indication.label} is considered experimental or investigational under ${policy}.${indication.note ? ` ${indication.note}` : ''}${caveat}`, hint: 'Expect a denial unless the letter makes a case for an exception; attach the supporting literature.' }];
    }
    return [];
  },
};
