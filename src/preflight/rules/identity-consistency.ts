// Check 15: identity mismatches that get packets rejected: subscriber "self" with another name, Medicare without
// an MBI, a letter signed by someone other than the prescriber.
import type { Finding, Rule } from '../rule.js';

const norm = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z\p{L}]+/gu, ' ').trim();

export const rule: Rule = {
  id: 'identity-consistency',
  severity: 'error',
  summary: 'Identity mismatches: subscriber "self" under another name, a Medicare case without an MBI, a letter signed by someone other than the prescriber.',
  check({ case: c }) {
    const out: Finding[] = [];
    const sub = c.coverage.subscriber;
    if (sub?.relationship === 'self' && !norm(sub.name).includes(norm(c.patient.lastName))) {
      // Names are patient identity: the message says which fields disagree, never what they hold.
      out.push({ path: ['coverage', 'subscriber', 'name'], message: "The subscriber is marked \"self\" but the subscriber's name does not contain the patient's last name.", hint: 'Fix the subscriber name or its relationship to the patient.' });
    }
    if (c.coverage.lineOfBusiness.startsWith('medicare') && !c.patient.mbi) {
      out.push({ path: ['patient', 'mbi'], message: 'This Medicare case has no Medicare Beneficiary Identifier (MBI).', hint: 'Add `patient.mbi` from the Medicare card.' });
    }
    const surname = norm(c.prescriber.name).split(' ').pop() ?? '';
    if (surname && !norm(c.signature.signer).includes(surname)) {
      out.push({ severity: 'warning', path: ['signature', 'signer'], message: `The letter is signed by "${c.signature.signer}", not by the prescriber (${c.prescriber.name}).`, hint: 'The treating practitioner signs the letter of medical necessity; correct the signer or the prescriber.' });
    }
    return out;
  },
};
