// Check 6: the diagnosis and disease status fall under an indication this payer does not cover or calls
// experimental / investigational (both errors: the request will be denied), or the profile's coverage position for
// it is unconfirmed (a warning that says so: an unconfirmed position is never acted on as settled).
import { asSentence } from '../../diagnostics/show-text.js';
import { matchIndication } from '../../coverage/match-indication.js';
import { appliesToCase } from '../../coverage/evaluate-criteria.js';
import type { Finding, Rule } from '../rule.js';

export const rule: Rule = {
  id: 'indication-not-covered',
  severity: 'error',
  summary: 'The diagnosis is an indication the payer does not cover or considers experimental/investigational (error), e.g. recurrent GBM under Medicare L34823; a warning when the profile marks that position unconfirmed.',
  check({ case: c, payer }) {
    if (payer.indications.length === 0 || !appliesToCase(c, payer)) return [];
    const policy = payer.policy ? `${payer.policy.number} (${payer.policy.title})` : payer.displayName;
    const m = matchIndication(c, payer);
    if (!m) {
      return [{ severity: 'warning', path: ['diagnoses'], message: `The diagnosis (${c.diagnoses.map((d) => d.code).join(', ')}${c.clinical?.diseaseStatus ? `, ${c.clinical.diseaseStatus}` : ''}) is not among the indications ${policy} lists.`, hint: 'Check the diagnosis codes and disease status, or the payer\'s policy for this indication.' }];
    }
    const { indication } = m;
    const path = ['diagnoses', m.diagnosisIndex];
    const note = indication.note ? ` ${asSentence(indication.note)}` : '';
    const excluded = indication.coverage === 'not-covered' ? 'not covered' : indication.coverage === 'investigational' ? 'considered experimental or investigational' : undefined;
    if (indication.unconfirmed) {
      const finding: Finding = {
        severity: 'warning',
        path,
        message: `The profile lists ${indication.label} as ${excluded ?? 'covered'} under ${policy}, but that is unconfirmed: ${asSentence(indication.unconfirmed)}${note}`,
        hint: 'Read the payer\'s current policy for this indication before sending; the letter does not state the coverage position.',
      };
      return [finding];
    }
    if (!excluded) return [];
    const hint =
      indication.coverage === 'investigational'
        ? 'Expect a denial: the policy excludes experimental/investigational uses. Send only with a case for an exception (attach the supporting literature), or consider the appeal route.'
        : payer.modifiers.exactlyOneOf.includes('GA')
          ? 'Expect a denial: give the patient an ABN and bill with GA, or GZ without one; consider the appeal route.'
          : 'Expect a denial; consider whether another indication applies, or the appeal route.';
    return [{ path, message: `${indication.label} is ${excluded} under ${policy}.${note}`, hint }];
  },
};
